using System;
using ThaliNano.Identity;
using ThaliNano.Json;

namespace ThaliNano.Firmware.Boards
{
    /// <summary>
    /// The device's <c>device.json</c> as <c>thalinano provision</c> writes it (tools/ThaliNano.Cli/Provisioning/
    /// DeviceConfiguration.cs, camelCase names): which board profile, the port and hub key id, and where the provisioned
    /// files are. One flat JSON object of at most <see cref="MaxBytes"/> bytes; fields this firmware does not know are
    /// ignored, so a newer provisioning tool may add some.
    /// </summary>
    public sealed class DeviceSettings
    {
        /// <summary>The <c>version</c> this firmware reads.</summary>
        public const int CurrentVersion = 1;

        /// <summary>Largest <c>device.json</c> accepted: the device reads the whole file into RAM.</summary>
        public const int MaxBytes = 4 * 1024;

        /// <summary>Longest string value (paths, names, key ids), in bytes as written.</summary>
        public const int MaxStringBytes = 512;

        private const int VersionField = 0;
        private const int BoardField = 1;
        private const int NanoffTargetField = 2;
        private const int NameField = 3;
        private const int PortField = 4;
        private const int HubKeyIdField = 5;
        private const int CertificatePathField = 6;
        private const int KeyPathField = 7;
        private const int FleetKeyPathField = 8;
        private const int FieldTokenPathField = 9;
        private const int MeshSecretPathField = 10;
        private const int MeshDestinationField = 11;
        private const int StorePathField = 12;
        private const int RegistryPathField = 13;

        // Indexed by the *Field constants.
        private static readonly string[] s_names = new string[]
        {
            "version", "board", "nanoffTarget", "name", "port", "hubKeyId", "certificatePath", "keyPath", "fleetKeyPath",
            "fieldTokenPath", "meshSecretPath", "meshDestination", "storePath", "registryPath",
        };

        private DeviceSettings()
        {
        }

        public int Version { get; private set; }

        /// <summary>The board profile's name (<see cref="BoardProfile.Name"/>).</summary>
        public string Board { get; private set; }

        public string NanoffTarget { get; private set; }

        /// <summary>The device's name, as on its label.</summary>
        public string Name { get; private set; }

        /// <summary>The HTTPS port the hub serves (1 to 65535).</summary>
        public int Port { get; private set; }

        /// <summary>The hub key's id in base64url (43 characters).</summary>
        public string HubKeyId { get; private set; }

        public string CertificatePath { get; private set; }

        public string KeyPath { get; private set; }

        /// <summary>The fleet key file (base64url of 16 or 32 bytes).</summary>
        public string FleetKeyPath { get; private set; }

        /// <summary>The field pairing token's verifier, consumed at first start.</summary>
        public string FieldTokenPath { get; private set; }

        /// <summary>The secret shared with the mesh destination, or null when the device is no mesh sensor.</summary>
        public string MeshSecretPath { get; private set; }

        /// <summary>The mesh destination's key id in base64url, or null when the device is no mesh sensor.</summary>
        public string MeshDestination { get; private set; }

        /// <summary>The document store's folder.</summary>
        public string StorePath { get; private set; }

        /// <summary>The pairing registry's folder.</summary>
        public string RegistryPath { get; private set; }

        /// <summary>The profile of <see cref="Board"/>.</summary>
        public BoardProfile Profile { get; private set; }

        /// <summary>
        /// Reads <c>device.json</c>'s bytes. Throws <see cref="FormatException"/> naming what is wrong: input over
        /// <see cref="MaxBytes"/>, not one flat JSON object, a field twice or of the wrong type, another version, an
        /// unknown board, a required field missing or empty, a port outside 1 to 65535, a key id that is not one, or a
        /// mesh destination without its secret (or the other way round).
        /// </summary>
        public static DeviceSettings Parse(byte[] json)
        {
            if (json == null)
            {
                throw new ArgumentNullException("json");
            }

            if (json.Length > MaxBytes)
            {
                throw Refuse("it is " + json.Length.ToString() + " bytes, more than the " + MaxBytes.ToString() + " a device reads");
            }

            string[] texts = new string[s_names.Length];
            long[] numbers = new long[s_names.Length];
            try
            {
                ReadFields(json, texts, numbers);
            }
            catch (JsonException e)
            {
                throw Refuse("it is not valid JSON: " + e.Message);
            }

            return Validate(texts, numbers);
        }

        private static void ReadFields(byte[] json, string[] texts, long[] numbers)
        {
            JsonLimits limits = new JsonLimits();
            limits.MaxDepth = 2; // one more than allowed, so that a nested value is refused with its field's name
            limits.MaxStringLength = MaxStringBytes;
            JsonReader r = new JsonReader(json, 0, json.Length, limits);
            if (!r.Read() || r.TokenType != JsonToken.StartObject)
            {
                throw Refuse("it is not a JSON object");
            }

            int seen = 0;
            while (r.Read() && r.TokenType == JsonToken.PropertyName)
            {
                int field = FieldOf(r);
                string name = field < 0 ? r.GetString() : s_names[field];
                r.Read();
                if (r.TokenType == JsonToken.StartObject || r.TokenType == JsonToken.StartArray)
                {
                    throw Refuse("\"" + name + "\" holds an object or array: device.json is one flat object");
                }

                if (field < 0)
                {
                    continue;
                }

                if ((seen & (1 << field)) != 0)
                {
                    throw Refuse("\"" + name + "\" appears twice");
                }

                seen |= 1 << field;
                ReadValue(r, field, texts, numbers);
            }

            // The reader refuses anything after the object.
            r.Read();
        }

        private static int FieldOf(JsonReader r)
        {
            for (int i = 0; i < s_names.Length; i++)
            {
                if (r.ValueEquals(s_names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static void ReadValue(JsonReader r, int field, string[] texts, long[] numbers)
        {
            string name = s_names[field];
            if (field == VersionField || field == PortField)
            {
                if (r.TokenType != JsonToken.Number)
                {
                    throw Refuse("\"" + name + "\" must be an integer");
                }

                try
                {
                    numbers[field] = r.GetInt64();
                }
                catch (JsonException)
                {
                    throw Refuse("\"" + name + "\" must be an integer, not " + r.GetNumberText());
                }

                texts[field] = name; // marks the field present
                return;
            }

            if (r.TokenType == JsonToken.String)
            {
                texts[field] = r.GetString();
            }
            else if (r.TokenType != JsonToken.Null)
            {
                throw Refuse("\"" + name + "\" must be a string");
            }
        }

        private static DeviceSettings Validate(string[] texts, long[] numbers)
        {
            Require(texts, VersionField);
            if (numbers[VersionField] != CurrentVersion)
            {
                throw Refuse("it is version " + numbers[VersionField].ToString() + "; this firmware reads version " + CurrentVersion.ToString());
            }

            for (int field = 0; field < s_names.Length; field++)
            {
                if (field != MeshSecretPathField && field != MeshDestinationField)
                {
                    Require(texts, field);
                }
            }

            DeviceSettings s = new DeviceSettings();
            s.Version = CurrentVersion;
            s.Board = texts[BoardField];
            s.Profile = BoardProfile.Find(s.Board);
            if (s.Profile == null)
            {
                throw Refuse("\"board\" is \"" + s.Board + "\", not one of " + BoardProfile.Names());
            }

            if (numbers[PortField] < 1 || numbers[PortField] > 65535)
            {
                throw Refuse("\"port\" is " + numbers[PortField].ToString() + ", outside 1 to 65535");
            }

            s.Port = (int)numbers[PortField];
            s.NanoffTarget = texts[NanoffTargetField];
            s.Name = texts[NameField];
            s.HubKeyId = KeyId(texts, HubKeyIdField);
            s.CertificatePath = texts[CertificatePathField];
            s.KeyPath = texts[KeyPathField];
            s.FleetKeyPath = texts[FleetKeyPathField];
            s.FieldTokenPath = texts[FieldTokenPathField];
            s.MeshSecretPath = Optional(texts, MeshSecretPathField);
            s.MeshDestination = texts[MeshDestinationField] == null ? null : KeyId(texts, MeshDestinationField);
            if ((s.MeshSecretPath == null) != (s.MeshDestination == null))
            {
                throw Refuse("\"meshDestination\" and \"meshSecretPath\" go together: a mesh sensor needs both, other devices neither");
            }

            s.StorePath = texts[StorePathField];
            s.RegistryPath = texts[RegistryPathField];
            return s;
        }

        private static void Require(string[] texts, int field)
        {
            if (texts[field] == null)
            {
                throw Refuse("it lacks \"" + s_names[field] + "\"");
            }

            if (texts[field].Length == 0)
            {
                throw Refuse("\"" + s_names[field] + "\" is empty");
            }
        }

        private static string Optional(string[] texts, int field)
        {
            if (texts[field] != null && texts[field].Length == 0)
            {
                throw Refuse("\"" + s_names[field] + "\" is empty (leave it out or null when unused)");
            }

            return texts[field];
        }

        private static string KeyId(string[] texts, int field)
        {
            PublicKeyId id;
            if (!PublicKeyId.TryParseBase64Url(texts[field], out id))
            {
                throw Refuse("\"" + s_names[field] + "\" is not a key id (43 base64url characters)");
            }

            return texts[field];
        }

        private static FormatException Refuse(string reason)
        {
            return new FormatException("device.json is refused: " + reason);
        }
    }
}
