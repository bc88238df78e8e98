using System;
using ThaliNano.Couch;
using ThaliNano.Firmware.Status;
using ThaliNano.Hashing;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Store;
using ThaliNano.Store.Storage;

namespace ThaliNano.Firmware
{
    /// <summary>
    /// A device hub: the document store on the board's storage, the Couch replication subset with its ACLs on it and any
    /// handlers mounted by path prefix beside it (<see cref="Mount"/>), principal authentication in front of all of them
    /// (<see cref="PrincipalAuthenticator"/>), served by the HTTP server on the board's connection listener. Nothing in it is platform-specific: the board picks storage, listener and randomness.
    /// </summary>
    public sealed class Hub
    {
        private readonly object _sync = new object();
        private readonly HubConfiguration _configuration;
        private readonly IFileStorage _storage;
        private readonly IConnectionListener _listener;
        private readonly PathMux _mux = new PathMux();
        private DocumentStore _store;
        private HttpServer _server;
        private ProofVerifier _verifier;
        private CouchHandler _couch;
        private Mesh.MeshService _mesh;
        private string _hubUuid;
        private bool _started;
        private bool _stopped;

        /// <param name="configuration">Registry, the hub's key id, epoch randomness and limits.</param>
        /// <param name="storage">Where the served documents live (host: &lt;data&gt;/store, ESP32: I:\thali).</param>
        /// <param name="listener">The bound transport: host mTLS, ESP32 mbedTLS, or any other.</param>
        public Hub(HubConfiguration configuration, IFileStorage storage, IConnectionListener listener)
        {
            if (configuration == null)
            {
                throw new ArgumentNullException("configuration");
            }

            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            if (listener == null)
            {
                throw new ArgumentNullException("listener");
            }

            _configuration = configuration;
            _storage = storage;
            _listener = listener;
        }

        /// <summary>
        /// Serves requests under a path prefix (see <see cref="PathMux.Mount"/>) with another handler than the Couch API,
        /// behind the same authentication: status, mesh, pairing. Before <see cref="Start"/>.
        /// </summary>
        public void Mount(string prefix, IHttpHandler handler)
        {
            lock (_sync)
            {
                if (_started)
                {
                    throw new InvalidOperationException("mount handlers before the hub starts");
                }

                _mux.Mount(prefix, handler);
            }
        }

        /// <summary>The hub's uuid, after <see cref="Start"/>.</summary>
        public string HubUuid
        {
            get { return _hubUuid; }
        }

        /// <summary>This start's ThaliKey epoch (clients sign with it), after <see cref="Start"/>.</summary>
        public string Epoch
        {
            get { return _verifier == null ? null : _verifier.Epoch; }
        }

        /// <summary>The served store, after <see cref="Start"/>.</summary>
        public DocumentStore Store
        {
            get { return _store; }
        }

        /// <summary>The served store's settings (its limit and compaction reserve: the beacon's storage pressure).</summary>
        public StoreOptions StoreOptions
        {
            get { return _configuration.Store; }
        }

        /// <summary>The Couch replication subset, after <see cref="Start"/>.</summary>
        public CouchHandler Couch
        {
            get { return _couch; }
        }

        /// <summary>The mesh sensor, after <see cref="Start"/>; null without <see cref="HubConfiguration.Mesh"/>.</summary>
        public Mesh.MeshService Mesh
        {
            get { return _mesh; }
        }

        /// <summary>The HTTP server, after <see cref="Start"/> (connection counts).</summary>
        public HttpServer Server
        {
            get { return _server; }
        }

        /// <summary>
        /// Opens the store, counts the boot, derives this start's epoch (<see cref="MakeEpoch"/>) and starts serving. Once
        /// per hub object.
        /// </summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_started)
                {
                    throw new InvalidOperationException("the hub was already started");
                }

                _started = true;
            }

            _configuration.Validate();
            PairingRegistry registry = _configuration.Registry;
            _hubUuid = _configuration.HubUuid != null ? _configuration.HubUuid : registry.HubUuid;
            string epoch = MakeEpoch(_configuration.HubKeyId, _hubUuid, registry.NextBoot(), _configuration.EpochRandom, DateTime.UtcNow.Ticks);
            _store = new DocumentStore(_storage, _configuration.Store);
            try
            {
                _mux.Fallback = CreateCouch(_store, _hubUuid, registry);
                DirectoryDocument.Publish(_store, _couch, _configuration.HubKeyId, _hubUuid, _configuration.DirectoryUrls,
                    _configuration.DisplayName, DateTime.UtcNow);
                _mux.Mount(Pairing.PairingEndpoint.Prefix, new Pairing.PairingEndpoint(registry, _couch));
                StatusOptions status = _configuration.Status;
                if (_configuration.Mesh != null)
                {
                    _mesh = Firmware.Mesh.MeshService.Start(_configuration.Mesh, _store, registry, _configuration.HubKeyId);
                    _mux.Mount(Firmware.Mesh.MeshEndpoint.Prefix, new Firmware.Mesh.MeshEndpoint(_mesh, registry, _couch));
                    if (status.Mesh == null)
                    {
                        status.Mesh = _mesh;
                    }
                }

                RecentErrors errors = new RecentErrors(status.RecentErrorCapacity, status.Clock, _configuration.RequestLog);
                _mux.Mount(StatusPage.Prefix, new StatusPage(_configuration, _hubUuid, _store, _couch, errors));
                _verifier = new ProofVerifier(registry, _configuration.HubKeyId, epoch);
                IHttpHandler handler = new PrincipalAuthenticator(_mux, registry, _verifier, errors);
                _server = new HttpServer(_listener, handler, _configuration.Http);
                _server.Start();
            }
            catch
            {
                _store.Dispose();
                _listener.Close();
                throw;
            }
        }

        /// <summary>Stops serving (requests in progress may finish, see HttpServerOptions) and closes the store. Idempotent.</summary>
        public void Stop()
        {
            lock (_sync)
            {
                if (!_started || _stopped)
                {
                    return;
                }

                _stopped = true;
            }

            if (_server != null)
            {
                _server.Stop();
            }
            else
            {
                _listener.Close();
            }

            if (_store != null)
            {
                _store.Dispose();
            }
        }

        /// <summary>
        /// A start's ThaliKey epoch: the first 16 bytes of SHA-256 over "ThaliKey-epoch\n", the hub's key id, its uuid
        /// (ASCII), the boot counter, the 16 random bytes and the clock (ticks), the numbers as 8 bytes big-endian, in
        /// base64url. It differs from every earlier epoch of this hub when any one input is new: the boot counter while
        /// the registry lives, the uuid of a new registry (made from fresh random bytes), the random bytes themselves
        /// (the hardware RNG on the ESP32), or the clock. Being a hash it shows neither the boot count nor the clock.
        /// </summary>
        public static string MakeEpoch(PublicKeyId hubKeyId, string hubUuid, long boot, byte[] random, long utcTicks)
        {
            if (hubKeyId == null || hubUuid == null || random == null || random.Length != 16)
            {
                throw new ArgumentException("an epoch needs the hub's key id, its uuid and 16 random bytes");
            }

            Sha256 hash = new Sha256();
            Append(hash, "ThaliKey-epoch\n");
            byte[] keyId = hubKeyId.ToByteArray();
            hash.Append(keyId, 0, keyId.Length);
            Append(hash, hubUuid);
            AppendBigEndian(hash, boot);
            hash.Append(random, 0, random.Length);
            AppendBigEndian(hash, utcTicks);
            byte[] epoch = new byte[16];
            Array.Copy(hash.GetHashAndReset(), epoch, epoch.Length);
            return ProofVerifier.EpochFromRandom(epoch);
        }

        private static void Append(Sha256 hash, string ascii)
        {
            byte[] bytes = new byte[ascii.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)ascii[i];
            }

            hash.Append(bytes, 0, bytes.Length);
        }

        private static void AppendBigEndian(Sha256 hash, long value)
        {
            byte[] bytes = new byte[8];
            for (int i = 0; i < 8; i++)
            {
                bytes[i] = (byte)(value >> (56 - (8 * i)));
            }

            hash.Append(bytes, 0, bytes.Length);
        }

        private IHttpHandler CreateCouch(DocumentStore store, string hubUuid, PairingRegistry registry)
        {
            CouchOptions options = _configuration.Couch;
            options.HubUuid = hubUuid;
            options.Owner = registry.Owner == null ? null : registry.Owner.ToBase64Url();
            options.PrincipalDirectory = registry;
            _couch = new CouchHandler(store, options);
            return _couch;
        }
    }
}
