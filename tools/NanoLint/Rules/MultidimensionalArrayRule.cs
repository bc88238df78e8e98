using NanoLint.Metadata;

namespace NanoLint.Rules;

/// <summary>
/// Arrays with an ArrayShape (T[,], or T[*] with bounds); only jagged, zero-based arrays are supported.
/// Source: https://docs.nanoframework.net/content/architecture/simplifications-and-trade-offs.html
/// ("Multidimensional arrays ... are not supported. Only jagged arrays.").
/// </summary>
public sealed class MultidimensionalArrayRule : SignatureFeatureRule
{
    public override string Name => "multidimensional-array";

    protected override SignatureFeatures Feature => SignatureFeatures.MultidimensionalArray;

    protected override string Explanation => "multidimensional array: nanoFramework supports only jagged arrays";
}
