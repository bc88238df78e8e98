namespace ThaliNano.Firmware
{
    /// <summary>Told about every request the hub answered: for status pages, tests and benchmarks. Must be quick and thread-safe.</summary>
    public interface IHubRequestLog
    {
        /// <param name="method">The request method.</param>
        /// <param name="target">The request target as sent (still percent-encoded).</param>
        /// <param name="principal">The authenticated principal (base64url key id), or null for anonymous.</param>
        /// <param name="status">The response status.</param>
        void Request(string method, string target, string principal, int status);
    }
}
