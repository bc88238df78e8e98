namespace ThaliNano.Simulator;

/// <summary>The routing policies the simulator compares (README, "Policies").</summary>
public enum PolicyKind
{
    /// <summary>The mesh library's <c>FirstContactPolicy</c>: one copy, handed to the first carrier met.</summary>
    FirstContact,

    /// <summary>The mesh library's <c>EpidemicPolicy</c>: every carrier met gets a copy.</summary>
    Epidemic,

    /// <summary>The mesh library's <c>SprayAndWaitPolicy(L)</c>, without receipts.</summary>
    SprayAndWait,

    /// <summary>PRoPHET (RFC 6693 parameters, GRTR forwarding, FIFO queue), in the simulator.</summary>
    Prophet,

    /// <summary>MaxProp (Burgess et al. 2006) with its acknowledgments, in the simulator.</summary>
    MaxProp,

    /// <summary>Ours: the library's spray and wait plus end-to-end receipts that every carrier brings back.</summary>
    Ours,
}

public static class PolicyNames
{
    public static IReadOnlyList<PolicyKind> All { get; } = Enum.GetValues<PolicyKind>();

    /// <summary>The name on the command line, in JSON and in plots.</summary>
    public static string Name(this PolicyKind policy) => policy switch
    {
        PolicyKind.FirstContact => "first-contact",
        PolicyKind.Epidemic => "epidemic",
        PolicyKind.SprayAndWait => "spray-and-wait",
        PolicyKind.Prophet => "prophet",
        PolicyKind.MaxProp => "maxprop",
        PolicyKind.Ours => "ours",
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    public static bool TryParse(string name, out PolicyKind policy)
    {
        foreach (PolicyKind candidate in All)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                policy = candidate;
                return true;
            }
        }

        policy = default;
        return false;
    }
}
