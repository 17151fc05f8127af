using System.Diagnostics;

namespace Fpga.Sim.Verilator;

/// <summary>
/// Bounds blocking pipe reads and writes, which have no timeout of their own: if an armed
/// operation outlives its deadline the watchdog runs its action (killing the child process),
/// which makes the blocked read or write return. Arming is cheap, so it wraps every operation.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly Action onExpired;
    private readonly Timer timer;
    private readonly Lock gate = new();
    private long deadline;
    private bool armed;

    public Watchdog(Action onExpired)
    {
        this.onExpired = onExpired;
        timer = new Timer(_ => Expire(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public bool Expired { get; private set; }

    public void Arm(TimeSpan timeout)
    {
        lock (gate)
        {
            armed = true;
            deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }
    }

    public void Disarm()
    {
        lock (gate)
        {
            armed = false;
            timer.Change(Timeout.Infinite, Timeout.Infinite);
        }
    }

    private void Expire()
    {
        lock (gate)
        {
            if (!armed)
            {
                return;
            }
            // A callback queued for an earlier arming may run after a re-arm: check the current deadline.
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining > 0)
            {
                timer.Change(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency), Timeout.InfiniteTimeSpan);
                return;
            }
            armed = false;
            Expired = true;
        }
        onExpired();
    }

    public void Dispose() => timer.Dispose();
}
