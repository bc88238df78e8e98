using ThaliNano.Identity;

namespace ThaliNano.Gateway.Server;

/// <summary>
/// The carriers allowed to contact the gateway: a folder with one small text file per carrier holding its key id
/// (base64url or hex; the file name is free, e.g. the carrier's name). Read again at every contact, so adding or
/// removing a file takes effect at once; a file that is not a key id is an error naming the file.
/// </summary>
public sealed class CarrierAllowList
{
    public const int MaxFileBytes = 1024;

    public CarrierAllowList(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException("the carrier allow-list folder " + folder + " does not exist");
        }

        Folder = folder;
        Read();
    }

    public string Folder { get; }

    public bool IsAllowed(PublicKeyId carrier) => Read().Contains(carrier);

    /// <summary>Writes a carrier's file (<c>name</c>.id).</summary>
    public void Add(string name, PublicKeyId carrier) => File.WriteAllText(Path.Combine(Folder, name + ".id"), carrier.ToBase64Url() + "\n");

    private HashSet<PublicKeyId> Read()
    {
        var allowed = new HashSet<PublicKeyId>();
        foreach (string path in Directory.EnumerateFiles(Folder))
        {
            if (new FileInfo(path).Length > MaxFileBytes || !PublicKeyId.TryParse(File.ReadAllText(path).Trim(), out PublicKeyId id))
            {
                throw new InvalidDataException($"carrier allow-list file {path}: not a key id (43 base64url or 64 hex characters)");
            }

            allowed.Add(id);
        }

        return allowed;
    }
}
