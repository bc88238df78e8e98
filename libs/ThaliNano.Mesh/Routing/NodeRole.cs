namespace ThaliNano.Mesh.Routing
{
    public enum NodeRole
    {
        /// <summary>Makes bundles of its own data; never holds anybody else's (source-only).</summary>
        Sensor = 1,

        /// <summary>A passing phone or other mule: holds and hands on copies.</summary>
        Carrier = 2,

        /// <summary>The gateway the bundles are addressed to.</summary>
        Destination = 3,
    }
}
