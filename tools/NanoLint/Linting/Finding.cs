namespace NanoLint.Linting;

/// <summary>One thing nanoFramework 1.x cannot run: where it is, which rule found it, and why.</summary>
public sealed record Finding(string Assembly, string Location, string Rule, string Message)
{
    public override string ToString() => $"{Assembly}: {Location}: {Rule}: {Message}";
}
