using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware;
using ThaliNano.Identity;

namespace ThaliNano.Boards.Host;

/// <summary>
/// What to tell someone who asked to pair, unpair or list on a data folder a running hub holds: the same change
/// through that hub's /_pairing endpoint with curl, as its owner or an admin (the hub is the only writer of its
/// registry, and it applies changes to the next connection at once).
/// </summary>
public static class RunningHubAdvice
{
    public static string For(CommandLine options, DataFolderInUseException inUse)
    {
        string port = inUse.Holder.Port?.ToString() ?? "PORT";
        string url = "https://127.0.0.1:" + port + "/_pairing";
        string curl = "curl -k --pinnedpubkey \"sha256//" + HubPin(inUse.Folder) + "\" --cert OWNER.cert.pem --key OWNER.key.pem";
        var lines = new List<string>
        {
            "The running hub keeps its own pairing registry: make the change through it, as its owner or an admin",
            "(curl pins the hub's key; OWNER.cert.pem/OWNER.key.pem are your client certificate and key):",
        };
        foreach (CommandLine.PairRequest pair in options.Pairings)
        {
            string body = "{\\\"certificate\\\":\\\"$(openssl x509 -in " + pair.CertificatePath
                + " -outform DER | basenc --base64url -w0 | tr -d =)\\\"" + (pair.Owner ? ",\\\"owner\\\":true" : "") + "}";
            lines.Add("  " + curl + " -H 'Content-Type: application/json' --data \"" + body + "\" " + url
                + "    # answers {\"key\",\"secret\"}: the proof secret" + (pair.SecretPath == null ? "" : " for " + pair.SecretPath));
        }

        foreach (string key in options.Unpairings)
        {
            lines.Add("  " + curl + " -X DELETE " + url + "/" + key);
        }

        if (options.List)
        {
            lines.Add("  " + curl + " " + url);
        }

        lines.Add("Or stop that hub first; then these options work on the folder.");
        return string.Join(Environment.NewLine, lines);
    }

    // curl's --pinnedpubkey takes the SPKI's SHA-256 in standard base64: the hub's key id in another alphabet.
    private static string HubPin(string folder)
    {
        try
        {
            string pem = File.ReadAllText(Path.Combine(folder, HubIdentity.FolderName, HubIdentity.CertificateFileName));
            return Convert.ToBase64String(PublicKeyId.FromCertificate(Pem.DecodeCertificate(pem)).ToByteArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return "HUB-KEY-ID-IN-BASE64";
        }
    }
}
