using System;
using System.IO;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Mesh.Source;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// The hub's mesh sensor: a <see cref="SourceNode"/> over the served store, its state in the pairing registry, and
    /// the contact responder both faces share (<see cref="MeshEndpoint"/> over HTTPS, <see cref="MeshChannel"/> over
    /// GATT). A state record that cannot be used (<see cref="MeshStateException"/>) leaves the mesh unavailable, with
    /// the reason in <see cref="Error"/>, while the hub serves on: resetting it silently could free undelivered data.
    /// </summary>
    public sealed class MeshService : Status.IMeshStatus
    {
        /// <summary>Contacts the status page lists.</summary>
        public const int RecentContactCapacity = 4;

        private readonly object _sync = new object();
        private readonly Status.MeshContact[] _recent = new Status.MeshContact[RecentContactCapacity];
        private readonly long[] _recentTicks = new long[RecentContactCapacity];
        private int _recentCount;
        private int _recentNext;
        private readonly ContactResponder _responder;
        private ContactReport _lastReport;
        private long _contacts;
        private long _refused;

        private MeshService(SourceNode node, string error)
        {
            Node = node;
            Error = error;
            _responder = node == null ? null : new ContactResponder(node);
        }

        /// <summary>The sensor node; null when the mesh is unavailable.</summary>
        public SourceNode Node { get; }

        /// <summary>Why the mesh is unavailable; null when it runs.</summary>
        public string Error { get; }

        /// <summary>Contacts answered (completed or refused) since the start.</summary>
        public long Contacts
        {
            get
            {
                lock (_sync)
                {
                    return _contacts;
                }
            }
        }

        public long Refused
        {
            get
            {
                lock (_sync)
                {
                    return _refused;
                }
            }
        }

        /// <summary>The report of the last contact; null before the first.</summary>
        public ContactReport LastReport
        {
            get
            {
                lock (_sync)
                {
                    return _lastReport;
                }
            }
        }

        /// <summary>
        /// Builds the node for the hub whose key id is <paramref name="hubKeyId"/> (the bundles' source). Throws
        /// <see cref="ArgumentException"/> for incomplete options (a configuration error stops the start).
        /// </summary>
        public static MeshService Start(MeshOptions options, DocumentStore store, PairingRegistry registry, PublicKeyId hubKeyId)
        {
            if (options == null || store == null || registry == null || hubKeyId == null)
            {
                throw new ArgumentNullException(options == null ? "options" : store == null ? "store" : registry == null ? "registry" : "hubKeyId");
            }

            options.Validate();
            SealKey key = new SealKey(options.SharedSecret, hubKeyId, options.DestinationKeyId);
            IMeshClock clock = options.Clock != null ? options.Clock : new SystemMeshClock();
            try
            {
                return new MeshService(new SourceNode(store, key, options.Random, new RegistryMeshStateStore(registry), clock, options.Source), null);
            }
            catch (MeshStateException e)
            {
                return new MeshService(null, e.Message);
            }
        }

        /// <summary>
        /// Answers one contact request (see <see cref="ContactResponder.Respond"/>) and saves what it changed.
        /// <paramref name="transportPeer"/>: the key the transport authenticated, or null over BLE.
        /// </summary>
        public ContactReport Respond(Stream request, Stream response, PublicKeyId transportPeer)
        {
            if (Node == null)
            {
                throw new InvalidOperationException("the mesh is unavailable: " + Error);
            }

            try
            {
                ContactReport report = _responder.Respond(request, response, transportPeer);
                lock (_sync)
                {
                    _contacts++;
                    if (report.Refusal != ContactRefusal.None)
                    {
                        _refused++;
                    }

                    _lastReport = report;
                    Remember(report, transportPeer == null ? "ble" : "https");
                }

                return report;
            }
            finally
            {
                Node.Flush();
            }
        }
    
        public long PendingBundles
        {
            get { return Node == null ? 0 : Node.Status.PendingBundles; }
        }

        public long CopiesOut
        {
            get { return Node == null ? 0 : Node.Status.CopiesOut; }
        }

        public long ReceiptedBundles
        {
            get { return Node == null ? 0 : Node.Status.ReceiptedBundleCount; }
        }

        public long BytesFreed
        {
            get { return Node == null ? 0 : Node.Status.BytesFreed; }
        }

        public int RecentContactCount
        {
            get
            {
                lock (_sync)
                {
                    return _recentCount;
                }
            }
        }

        public Status.MeshContact RecentContact(int index)
        {
            lock (_sync)
            {
                if (index < 0 || index >= _recentCount)
                {
                    throw new ArgumentOutOfRangeException("index");
                }

                int slot = (_recentNext - 1 - index + RecentContactCapacity) % RecentContactCapacity;
                Status.MeshContact contact = _recent[slot];
                contact.AgeSeconds = (DateTime.UtcNow.Ticks - _recentTicks[slot]) / TimeSpan.TicksPerSecond;
                return contact;
            }
        }

        public long FreeDelivered()
        {
            if (Node == null)
            {
                throw new InvalidOperationException("the mesh is unavailable: " + Error);
            }

            return Node.FreeDelivered();
        }

        private void Remember(ContactReport report, string link)
        {
            Status.MeshContact contact = new Status.MeshContact();
            contact.Peer = report.Peer == null ? "?" : report.Peer.Id.ToBase64Url();
            contact.Link = link;
            contact.BundlesSent = report.BundlesSent;
            contact.ReceiptsReceived = report.ReceiptsReceived;
            contact.Completed = report.Completed;
            _recent[_recentNext] = contact;
            _recentTicks[_recentNext] = DateTime.UtcNow.Ticks;
            _recentNext = (_recentNext + 1) % RecentContactCapacity;
            if (_recentCount < RecentContactCapacity)
            {
                _recentCount++;
            }
        }
    }
}
