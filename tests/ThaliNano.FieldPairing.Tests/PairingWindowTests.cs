namespace ThaliNano.FieldPairing.Tests;

public class PairingWindowTests
{
    private readonly Clock _clock = new();

    [Fact]
    public void The_window_is_closed_until_opened_and_closes_after_its_duration()
    {
        var window = new PairingWindow(_clock, 1000, 2);
        Assert.False(window.IsOpen);

        window.Open();
        _clock.NowMilliseconds += 999;
        Assert.True(window.IsOpen);
        _clock.NowMilliseconds += 1;
        Assert.False(window.IsOpen);
    }

    [Fact]
    public void Failed_proofs_lock_the_window_until_it_is_opened_again()
    {
        var window = new PairingWindow(_clock, 1000, 2);
        window.Open();
        window.RecordFailedProof();
        Assert.False(window.IsLocked);
        window.RecordFailedProof();
        Assert.True(window.IsLocked);

        window.Open();
        Assert.False(window.IsLocked);
        Assert.Equal(0, window.FailedProofs);
    }

    private sealed class Clock : IPairingClock
    {
        public long NowMilliseconds { get; set; }
    }
}
