using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Mesh.Source;
using ThaliNano.Text;

namespace ThaliNano.Boards.Host;

/// <summary>The host board's mesh options (--mesh-destination, --mesh-secret, --mesh-db) as the firmware's <see cref="MeshOptions"/>.</summary>
public static class MeshSettings
{
    /// <summary>
    /// Null without --mesh-destination. Throws <see cref="ArgumentException"/> for a key id that does not parse, a
    /// secret file readable by others than its owner, or a secret shorter than 16 bytes; <see cref="IOException"/>
    /// when the file cannot be read.
    /// </summary>
    public static MeshOptions? From(CommandLine options)
    {
        if (options.MeshDestination == null || options.MeshSecretPath == null)
        {
            return null;
        }

        if (!PublicKeyId.TryParse(options.MeshDestination, out PublicKeyId? destination))
        {
            throw new ArgumentException("--mesh-destination takes a key id (43 base64url characters or 64 hex digits), not " + options.MeshDestination);
        }

        var source = new SourceOptions
        {
            // A PC streams its replies and has the room: more per contact than the device's defaults.
            MaxBundleBytes = 4096,
            MaxOfferBytes = 256 * 1024,
            MaxPendingBundles = SourceOptions.MaxPendingLimit,
        };
        if (options.MeshDatabases.Count > 0)
        {
            source.Databases = [.. options.MeshDatabases];
        }

        var mesh = new MeshOptions
        {
            DestinationKeyId = destination,
            SharedSecret = ReadSecret(options.MeshSecretPath),
            Random = SecureRandom.Instance,
            Source = source,
        };
        mesh.Validate();
        return mesh;
    }

    /// <summary>The secret as base64url text (surrounding white space ignored) in a file only its owner may read.</summary>
    public static byte[] ReadSecret(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
        {
            throw new ArgumentException("--mesh-secret " + path + " is readable by others: chmod 600 it");
        }

        byte[] secret;
        try
        {
            secret = Base64Url.Decode(File.ReadAllText(path).Trim());
        }
        catch (FormatException e)
        {
            throw new ArgumentException("--mesh-secret " + path + " does not hold base64url text: " + e.Message, e);
        }

        if (secret.Length < 16)
        {
            throw new ArgumentException("--mesh-secret " + path + " holds " + secret.Length + " bytes; a shared secret has at least 16");
        }

        return secret;
    }
}
