namespace ThaliNano.Firmware.Status
{
    /// <summary>One request the hub refused or failed, as <see cref="RecentErrors"/> keeps it.</summary>
    public sealed class RecentError
    {
        internal RecentError(long atMilliseconds, string method, string target, string principal, int status)
        {
            AtMilliseconds = atMilliseconds;
            Method = method;
            Target = target;
            Principal = principal;
            Status = status;
        }

        /// <summary>When it was answered, on the status clock (milliseconds; the page shows it as time since start).</summary>
        public long AtMilliseconds { get; private set; }

        public string Method { get; private set; }

        /// <summary>The request target as sent, cut to <see cref="RecentErrors.MaxTargetLength"/> characters.</summary>
        public string Target { get; private set; }

        /// <summary>The principal (base64url key id), or null for anonymous.</summary>
        public string Principal { get; private set; }

        public int Status { get; private set; }
    }
}
