using ThaliNano.Drivers.Host.Ble;

namespace ThaliNano.Drivers.Host.Tests.Ble;

public class VirtualClockTests
{
    [Fact]
    public void EventsRunInTimeOrderAndInScheduleOrderAtTheSameTime()
    {
        var clock = new VirtualClock();
        var order = new List<string>();
        clock.Schedule(TimeSpan.FromMilliseconds(20), () => order.Add("b"));
        clock.Schedule(TimeSpan.FromMilliseconds(10), () => order.Add("a"));
        clock.Schedule(TimeSpan.FromMilliseconds(20), () => order.Add("c"));

        clock.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(["a", "b", "c"], order);
        Assert.Equal(TimeSpan.FromSeconds(1), clock.Now);
    }

    [Fact]
    public void TimeStandsStillUntilTheClockIsRun()
    {
        var clock = new VirtualClock();
        bool ran = false;
        clock.Schedule(TimeSpan.FromSeconds(5), () => ran = true);

        clock.RunFor(TimeSpan.FromSeconds(4.999));
        Assert.False(ran);

        clock.RunFor(TimeSpan.FromMilliseconds(1));
        Assert.True(ran);
    }

    [Fact]
    public void CancelledEventsDoNotRun()
    {
        var clock = new VirtualClock();
        bool ran = false;
        clock.Schedule(TimeSpan.FromSeconds(1), () => ran = true).Cancel();

        clock.RunFor(TimeSpan.FromSeconds(2));

        Assert.False(ran);
    }

    [Fact]
    public void RunUntilAConditionStopsAtTheEventThatMadeItTrue()
    {
        var clock = new VirtualClock();
        int count = 0;
        for (int i = 1; i <= 10; i++)
        {
            clock.Schedule(TimeSpan.FromSeconds(i), () => count++);
        }

        Assert.True(clock.RunUntil(() => count == 3, TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromSeconds(3), clock.Now);
        Assert.False(clock.RunUntil(() => count == 100, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(30), clock.Now);
    }

    [Fact]
    public void AHundredThousandEventsRunInOrder()
    {
        var clock = new VirtualClock();
        var random = new Random(3);
        var last = TimeSpan.Zero;
        bool ordered = true;
        for (int i = 0; i < 100_000; i++)
        {
            clock.Schedule(TimeSpan.FromMilliseconds(random.Next(1_000_000)), () =>
            {
                ordered &= clock.Now >= last;
                last = clock.Now;
            });
        }

        clock.RunFor(TimeSpan.FromHours(1));

        Assert.True(ordered);
        Assert.Equal(0, clock.PendingEvents);
    }
}
