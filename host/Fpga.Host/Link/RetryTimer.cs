namespace Fpga.Host.Link;

/// <summary>
/// When to send again, learnt from the line (RFC 6298 in spirit): the smoothed round trip of
/// frames answered the first time (never of resent ones, whose answer could be to either
/// copy), plus four deviations, never below the configured floor nor above
/// <see cref="MaxStretch"/> times it; doubled once after a silence without progress, and back to
/// the estimate on progress. A board that slows (a loaded simulator) stretches the timeout
/// instead of being flooded with copies it must still work through; a lossy line is not
/// punished with ever longer waits, since a resend after silence is one frame only.
/// </summary>
public sealed class RetryTimer(TimeSpan floor)
{
    /// <summary>The timeout at most doubles this many times in a row.</summary>
    public const int MaxBackoff = 1;

    /// <summary>The learnt estimate is at most this many times the floor.</summary>
    public const int MaxStretch = 8;

    private double _smoothed = -1, _deviation;
    private int _backoff;

    public TimeSpan Floor { get; } = floor;

    /// <summary>How long to wait for progress before sending again.</summary>
    public TimeSpan Timeout
    {
        get
        {
            double learnt = _smoothed < 0 ? 0 : _smoothed + 4 * _deviation;
            var estimate = TimeSpan.FromSeconds(Math.Clamp(learnt, Floor.TotalSeconds, MaxStretch * Floor.TotalSeconds));
            return estimate * (1 << _backoff);
        }
    }

    /// <summary>The smoothed round trip, or the floor before any sample.</summary>
    public TimeSpan RoundTrip => _smoothed < 0 ? Floor : TimeSpan.FromSeconds(_smoothed);

    /// <summary>A round trip of a frame sent once and answered.</summary>
    public void Sample(TimeSpan roundTrip)
    {
        double r = roundTrip.TotalSeconds;
        if (_smoothed < 0)
        {
            _smoothed = r;
            _deviation = r / 2;
            return;
        }
        _deviation = 0.75 * _deviation + 0.25 * Math.Abs(_smoothed - r);
        _smoothed = 0.875 * _smoothed + 0.125 * r;
    }

    public void Expired() => _backoff = Math.Min(_backoff + 1, MaxBackoff);

    public void Progressed() => _backoff = 0;
}
