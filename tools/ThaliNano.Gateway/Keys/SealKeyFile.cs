using System.Text.Json;
using System.Text.Json.Serialization;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Text;

namespace ThaliNano.Gateway.Keys;

/// <summary>
/// One source's seal key as the gateway keeps it: a JSON file, mode 0600, holding the pair's key ids and the shared
/// secret (README, "Key files"). Reading refuses anything that is not exactly this format, and files others may read.
/// </summary>
public sealed class SealKeyFile
{
    public const string Format = "thalinano-seal-key/1";
    public const string Extension = ".json";
    public const int MaxFileBytes = 4096;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public SealKeyFile(PublicKeyId source, PublicKeyId destination, byte[] secret, int aesKeyBytes = 16, string? database = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < SealKey.MinSecretBytes)
        {
            throw new ArgumentException($"a shared secret has at least {SealKey.MinSecretBytes} bytes", nameof(secret));
        }

        if (aesKeyBytes is not (16 or 32))
        {
            throw new ArgumentException("aesKeyBytes is 16 (AES-128) or 32 (AES-256)", nameof(aesKeyBytes));
        }

        if (database is { Length: 0 })
        {
            throw new ArgumentException("a target database name is not empty", nameof(database));
        }

        Source = source;
        Destination = destination;
        Secret = secret;
        AesKeyBytes = aesKeyBytes;
        Database = database;
    }

    public PublicKeyId Source { get; }

    public PublicKeyId Destination { get; }

    public byte[] Secret { get; }

    public int AesKeyBytes { get; }

    /// <summary>The database this source's revisions go to; null: the database named inside each bundle.</summary>
    public string? Database { get; }

    public SealKey ToSealKey() => new(Secret, Source, Destination, AesKeyBytes);

    /// <summary>Writes the file with mode 0600 (through a temporary file, in a 0700 folder when it is created).</summary>
    public void Write(string path) => HubIdentity.WriteSecretFile(path, JsonSerializer.Serialize(new Dto
    {
        Format = Format,
        Source = Source.ToBase64Url(),
        Destination = Destination.ToBase64Url(),
        Secret = Base64Url.Encode(Secret),
        AesKeyBytes = AesKeyBytes,
        Database = Database,
    }, s_json));

    /// <summary>Reads and checks a key file; throws <see cref="InvalidDataException"/> naming the file and what is wrong.</summary>
    public static SealKeyFile Read(string path)
    {
        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
        {
            throw Invalid(path, "others may access it: make it readable by its owner only (chmod 600)");
        }

        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            throw Invalid(path, $"it is larger than {MaxFileBytes} bytes");
        }

        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(File.ReadAllBytes(path), s_json);
        }
        catch (JsonException e)
        {
            throw Invalid(path, "it is not a key file's JSON: " + e.Message);
        }

        if (dto is null || dto.Format != Format)
        {
            throw Invalid(path, $"\"format\" is not \"{Format}\"");
        }

        try
        {
            return new SealKeyFile(
                KeyId(dto.Source, "source"),
                KeyId(dto.Destination, "destination"),
                Base64Url.Decode(dto.Secret ?? throw new FormatException("\"secret\" is missing")),
                dto.AesKeyBytes ?? 16,
                dto.Database);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw Invalid(path, e.Message);
        }
    }

    private static PublicKeyId KeyId(string? text, string field) => PublicKeyId.TryParseBase64Url(text, out PublicKeyId id)
        ? id
        : throw new FormatException($"\"{field}\" is not a key id (43 base64url characters)");

    private static InvalidDataException Invalid(string path, string why) => new($"seal key file {path}: {why}");

    private sealed class Dto
    {
        public string? Format { get; set; }

        public string? Source { get; set; }

        public string? Destination { get; set; }

        public string? Secret { get; set; }

        public int? AesKeyBytes { get; set; }

        public string? Database { get; set; }
    }
}
