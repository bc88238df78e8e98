namespace ThaliNano.Simulator.Field;

public enum TimelineEventKind
{
    /// <summary>A sensor makes a message (<see cref="TimelineEvent.Index"/>: the message).</summary>
    Message = 0,

    /// <summary>A contact session starts (<see cref="TimelineEvent.Index"/>: the contact) and may run until <see cref="TimelineEvent.Until"/>.</summary>
    Session = 1,

    /// <summary>The statistics take a sample.</summary>
    Sample = 2,
}

/// <summary>What happens when, in the order the simulation replays it (time, then kind, then index).</summary>
public readonly record struct TimelineEvent(double Time, TimelineEventKind Kind, int Index, double Until, bool FirstOfContact)
    : IComparable<TimelineEvent>
{
    public int CompareTo(TimelineEvent other)
    {
        int byTime = Time.CompareTo(other.Time);
        if (byTime != 0)
        {
            return byTime;
        }

        int byKind = Kind.CompareTo(other.Kind);
        return byKind != 0 ? byKind : Index.CompareTo(other.Index);
    }
}
