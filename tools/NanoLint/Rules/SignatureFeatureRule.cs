using NanoLint.Linting;
using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>Flags every place where a type containing <see cref="Feature"/> occurs.</summary>
public abstract class SignatureFeatureRule : ILintRule
{
    public abstract string Name { get; }

    protected abstract SignatureFeatures Feature { get; }

    /// <summary>Why nanoFramework 1.x cannot run it; the offending type follows.</summary>
    protected abstract string Explanation { get; }

    public IEnumerable<Finding> Check(LintContext context) =>
        context.SignatureSites
            .Where(site => site.Type.Features.HasFlag(Feature))
            .Select(site => context.Report(site.Location, this, $"{Explanation}: {site.Type.Name}"));
}
