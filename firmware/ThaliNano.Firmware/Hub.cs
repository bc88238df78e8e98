using System;
using ThaliNano.Couch;
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
        private string _hubUuid;
        private bool _started;
        private bool _stopped;

        /// <param name="configuration">Registry, epoch randomness and limits.</param>
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

        /// <summary>The Couch replication subset, after <see cref="Start"/>.</summary>
        public CouchHandler Couch
        {
            get { return _couch; }
        }

        /// <summary>The HTTP server, after <see cref="Start"/> (connection counts).</summary>
        public HttpServer Server
        {
            get { return _server; }
        }

        /// <summary>
        /// Opens the store, counts the boot, derives this start's epoch (boot counter and random bytes, so an epoch is
        /// never reused even with a weak random source) and starts serving. Once per hub object.
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
            string epoch = MakeEpoch(registry.NextBoot(), _configuration.EpochRandom);
            _store = new DocumentStore(_storage, _configuration.Store);
            try
            {
                _mux.Fallback = CreateCouch(_store, _hubUuid, registry.Owner);
                _mux.Mount(Pairing.PairingEndpoint.Prefix, new Pairing.PairingEndpoint(registry, _couch));
                _verifier = new ProofVerifier(registry, epoch);
                IHttpHandler handler = new PrincipalAuthenticator(_mux, registry, _verifier, _configuration.RequestLog);
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

        /// <summary>16 bytes: the boot counter (8, big-endian) and 8 of the random bytes, in base64url.</summary>
        public static string MakeEpoch(long boot, byte[] random)
        {
            byte[] bytes = new byte[16];
            for (int i = 0; i < 8; i++)
            {
                bytes[i] = (byte)(boot >> (56 - (8 * i)));
            }

            Array.Copy(random, 0, bytes, 8, 8);
            return ProofVerifier.EpochFromRandom(bytes);
        }

        private IHttpHandler CreateCouch(DocumentStore store, string hubUuid, PublicKeyId owner)
        {
            CouchOptions options = _configuration.Couch;
            options.HubUuid = hubUuid;
            options.Owner = owner == null ? null : owner.ToBase64Url();
            _couch = new CouchHandler(store, options);
            return _couch;
        }
    }
}
