namespace NanoLint.Linting;

/// <summary>What linting one assembly checked and found.</summary>
public sealed record LintResult(string Assembly, int TypeCount, int MethodCount, IReadOnlyList<Finding> Findings);
