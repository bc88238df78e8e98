namespace ThaliNano.Firmware.Status
{
    /// <summary>One recent contact of the mesh, as the status page shows it.</summary>
    public sealed class MeshContact
    {
        /// <summary>The peer's key id (base64url), or null when it did not identify itself.</summary>
        public string Peer { get; set; }

        /// <summary>The link: "ble" or "wifi".</summary>
        public string Link { get; set; }

        /// <summary>Seconds since the contact ended.</summary>
        public long AgeSeconds { get; set; }

        /// <summary>Bundles handed over (custody acknowledged) in this contact.</summary>
        public int BundlesSent { get; set; }

        /// <summary>Receipts the peer brought in this contact.</summary>
        public int ReceiptsReceived { get; set; }

        /// <summary>False when the contact broke off before its last exchange (it resumes at the next one).</summary>
        public bool Completed { get; set; }
    }
}
