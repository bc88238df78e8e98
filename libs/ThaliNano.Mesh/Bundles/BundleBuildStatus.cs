namespace ThaliNano.Mesh.Bundles
{
    public enum BundleBuildStatus
    {
        /// <summary>A bundle was sealed.</summary>
        Built = 0,

        /// <summary>No document changed after the given seq.</summary>
        NothingNew = 1,

        /// <summary>The next document alone does not fit the size limit; nothing was built (it needs a larger limit).</summary>
        DocumentTooLarge = 2,
    }
}
