using ThaliNano.Identity;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Gateway.Keys;

/// <summary>The gateway's seal keys, one per source, from a folder of <see cref="SealKeyFile"/>s addressed to it.</summary>
public sealed class GatewayKeyring : ISealKeyring
{
    private readonly Dictionary<PublicKeyId, (SealKey Key, string? Database)> _bySource = new();

    public GatewayKeyring(PublicKeyId self)
    {
        ArgumentNullException.ThrowIfNull(self);
        Self = self;
    }

    /// <summary>The gateway's own key id: every key's destination.</summary>
    public PublicKeyId Self { get; }

    public int Count => _bySource.Count;

    /// <summary>Loads every <c>*.json</c> of <paramref name="folder"/>; a file that is not a key for this gateway stops the load.</summary>
    public static GatewayKeyring Load(string folder, PublicKeyId self)
    {
        var keyring = new GatewayKeyring(self);
        foreach (string path in Directory.EnumerateFiles(folder, "*" + SealKeyFile.Extension).Order(StringComparer.Ordinal))
        {
            keyring.Add(SealKeyFile.Read(path), path);
        }

        return keyring;
    }

    /// <summary>Adds a source's key; <paramref name="origin"/> names where it came from in refusals.</summary>
    public void Add(SealKeyFile file, string origin = "the key")
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Destination != Self)
        {
            throw new InvalidDataException($"{origin} is for destination {file.Destination.ToBase64Url()}, not this gateway ({Self.ToBase64Url()})");
        }

        if (!_bySource.TryAdd(file.Source, (file.ToSealKey(), file.Database)))
        {
            throw new InvalidDataException($"{origin} repeats source {file.Source.ToBase64Url()}: one key per source");
        }
    }

    public SealKey? Find(PublicKeyId source) => source is not null && _bySource.TryGetValue(source, out var entry) ? entry.Key : null;

    /// <summary>Where the source's revisions go: its key file's database, else <paramref name="bundleDatabase"/>.</summary>
    public string TargetDatabase(PublicKeyId source, string bundleDatabase) =>
        _bySource.TryGetValue(source, out var entry) && entry.Database is not null ? entry.Database : bundleDatabase;
}
