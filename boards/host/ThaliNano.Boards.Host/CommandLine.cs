namespace ThaliNano.Boards.Host;

/// <summary>The hub process's options (see <see cref="Usage"/>).</summary>
public sealed class CommandLine
{
    public const int DefaultPort = 6985;

    public const string Usage = """
        ThaliNano host board: a virtual device hub on this PC, mutual TLS on 127.0.0.1.

        Usage: dotnet ThaliNano.Boards.Host.dll [options]

          --data DIR          data folder: identity, pairing registry, documents (default: ./hub-data)
          --port N            TCP port on 127.0.0.1; 0 picks a free one (default: device.json's port, else 6985)
          --owner CERT.pem    pair this client certificate and make it the owner (the hub's admin)
          --pair CERT.pem     pair this client certificate (repeatable)
          --secret-out FILE   write the ThaliKey proof secret of the preceding --owner/--pair to FILE
          --unpair KEYID      remove a paired principal (key id, base64url or hex; repeatable)
          --list              print the paired principals
          --no-serve          apply the pairing options and exit without serving
          --log-requests      print one line per answered request
          --mesh-destination KEYID   be a store-and-forward mesh sensor for this gateway (key id, base64url or hex):
                              carriers (owner, admins, group:carriers) pick up sealed bundles at POST /_mesh/contact
          --mesh-secret FILE  the secret shared with that gateway: base64url text of at least 16 bytes, mode 0600
          --mesh-db NAME      a database whose documents travel (repeatable; default: readings)
          --help              this text

        A folder made by `thalinano provision` (device.json in it) starts as that device: its key, its port, the
        field pairing token of its label (imported into the registry at first start; fieldtoken.key is then deleted),
        and as a mesh sensor when it was provisioned with --gateway (its mesh.secret). --port and --mesh-* override.
        On first start the hub creates its identity (RSA key + self-signed certificate, PEM in DIR/identity) and
        a stable uuid, then prints its httpkey URLs. Only paired client certificates complete the TLS handshake, and
        only leaf certificates pair (basicConstraints CA:FALSE, no keyCertSign).
        One process per data folder: while a hub serves DIR, pair and unpair through it (GET/POST /_pairing,
        DELETE /_pairing/KEYID as its owner or an admin); these options then refuse and show the curl commands.
        Lost the owner key? Stop the hub, then --owner NEW.pem on the folder: access to the folder is the trust root.
        Exit codes: 0; 2 for a bad option, a certificate that cannot pair, or a data folder in use.
        """;

    public string DataFolder { get; private set; } = "hub-data";

    public int Port { get; private set; } = DefaultPort;

    /// <summary>Whether --port was given (it then wins over a provisioned device's port).</summary>
    public bool PortGiven { get; private set; }

    public List<PairRequest> Pairings { get; } = new();

    public List<string> Unpairings { get; } = new();

    public bool List { get; private set; }

    /// <summary>Whether the options touch the pairing registry (pair, unpair or list).</summary>
    public bool ChangesPairings => Pairings.Count > 0 || Unpairings.Count > 0 || List;

    public bool Serve { get; private set; } = true;

    public bool LogRequests { get; private set; }

    public bool Help { get; private set; }

    /// <summary>The mesh gateway's key id as given (--mesh-destination); null: no mesh.</summary>
    public string? MeshDestination { get; private set; }

    public string? MeshSecretPath { get; private set; }

    public List<string> MeshDatabases { get; } = new();

    public sealed record PairRequest(string CertificatePath, bool Owner)
    {
        public string? SecretPath { get; set; }
    }

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static CommandLine Parse(string[] args)
    {
        var c = new CommandLine();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "--help" or "-h":
                    c.Help = true;
                    break;
                case "--data":
                    c.DataFolder = Value(args, ref i);
                    break;
                case "--port":
                    string p = Value(args, ref i);
                    if (!int.TryParse(p, out int port) || port < 0 || port > 65535)
                    {
                        throw new ArgumentException("--port takes a number from 0 to 65535, not " + p);
                    }

                    c.Port = port;
                    c.PortGiven = true;
                    break;
                case "--owner" or "--pair":
                    c.Pairings.Add(new PairRequest(Value(args, ref i), a == "--owner"));
                    break;
                case "--secret-out":
                    if (c.Pairings.Count == 0 || c.Pairings[^1].SecretPath != null)
                    {
                        throw new ArgumentException("--secret-out follows the --owner or --pair whose secret it writes");
                    }

                    c.Pairings[^1].SecretPath = Value(args, ref i);
                    break;
                case "--unpair":
                    c.Unpairings.Add(Value(args, ref i));
                    break;
                case "--list":
                    c.List = true;
                    break;
                case "--no-serve":
                    c.Serve = false;
                    break;
                case "--log-requests":
                    c.LogRequests = true;
                    break;
                case "--mesh-destination":
                    c.MeshDestination = Value(args, ref i);
                    break;
                case "--mesh-secret":
                    c.MeshSecretPath = Value(args, ref i);
                    break;
                case "--mesh-db":
                    c.MeshDatabases.Add(Value(args, ref i));
                    break;
                default:
                    throw new ArgumentException("unknown option " + a + " (see --help)");
            }
        }

        if ((c.MeshDestination == null) != (c.MeshSecretPath == null) || (c.MeshDatabases.Count > 0 && c.MeshDestination == null))
        {
            throw new ArgumentException("a mesh sensor needs --mesh-destination and --mesh-secret together (--mesh-db only with them)");
        }

        if (c.Pairings.Count(p => p.Owner) > 1)
        {
            throw new ArgumentException("--owner may be given once");
        }

        return c;
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException(args[i] + " needs a value");
        }

        return args[++i];
    }
}
