namespace NanoLint.Linting;

/// <summary>One check of a device assembly's metadata or IL.</summary>
public interface ILintRule
{
    /// <summary>The rule's id, as printed in findings (kebab-case).</summary>
    string Name { get; }

    IEnumerable<Finding> Check(LintContext context);
}
