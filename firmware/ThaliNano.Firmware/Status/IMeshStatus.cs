namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// What the store-and-forward mesh tells the status page (read-only numbers, read at every page view, so cheap to
    /// read and thread-safe), and its one action. The hub passes null until the mesh is wired; the page then says
    /// "mesh: off".
    /// </summary>
    public interface IMeshStatus
    {
        /// <summary>Bundles made here (or carried) and not yet receipted by their destination.</summary>
        long PendingBundles { get; }

        /// <summary>Copies handed to carriers and still counted against the spray-and-wait budget.</summary>
        long CopiesOut { get; }

        /// <summary>Bundles the destination has receipted (end-to-end), since the mesh's state began.</summary>
        long ReceiptedBundles { get; }

        /// <summary>Bytes of flash freed because of receipts, since the mesh's state began.</summary>
        long BytesFreed { get; }

        /// <summary>How many recent contacts <see cref="RecentContact"/> can give (a small bounded number).</summary>
        int RecentContactCount { get; }

        /// <summary>The i-th most recent contact, newest first.</summary>
        MeshContact RecentContact(int index);

        /// <summary>Frees the flash that receipted (delivered) readings hold, as the storage policy says; returns the bytes freed.</summary>
        long FreeDelivered();
    }
}
