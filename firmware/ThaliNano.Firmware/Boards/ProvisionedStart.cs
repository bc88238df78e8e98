using System;
using System.IO;
using System.Text;
using ThaliNano.Discovery;
using ThaliNano.Firmware.Field;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Mesh.Source;
using ThaliNano.Text;

namespace ThaliNano.Firmware.Boards
{
    /// <summary>
    /// A provisioned device's start: the files <c>thalinano provision</c> made beside <c>device.json</c> become the
    /// hub's settings. At the first start the field token's verifier is imported into the pairing registry and its
    /// file deleted (the device keeps no verifier in a plain file); every start reads the fleet key and, for a mesh
    /// sensor, the secret shared with its destination. Each file holds base64url text; errors name the file, never
    /// its content.
    /// </summary>
    public sealed class ProvisionedStart
    {
        /// <summary>Largest key file read: base64url of 32 bytes is 43 characters, with room for line ends and spaces.</summary>
        public const int MaxKeyFileBytes = 256;

        private readonly DeviceSettings _settings;
        private readonly string _fieldTokenPath;
        private readonly string _fleetKeyPath;
        private readonly string _meshSecretPath;

        /// <summary>The files where <paramref name="settings"/> says they are (the device's <c>I:</c> paths).</summary>
        public ProvisionedStart(DeviceSettings settings)
            : this(settings, settings == null ? null : settings.FieldTokenPath, settings == null ? null : settings.FleetKeyPath,
                settings == null ? null : settings.MeshSecretPath)
        {
        }

        /// <summary>The files at other paths (a board that keeps them elsewhere, as the host board in its data folder).</summary>
        public ProvisionedStart(DeviceSettings settings, string fieldTokenPath, string fleetKeyPath, string meshSecretPath)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (fieldTokenPath == null || fleetKeyPath == null)
            {
                throw new ArgumentNullException(fieldTokenPath == null ? "fieldTokenPath" : "fleetKeyPath");
            }

            if ((settings.MeshDestination == null) != (meshSecretPath == null))
            {
                throw new ArgumentException("a mesh secret path goes with a mesh destination in the settings, and only then", "meshSecretPath");
            }

            _settings = settings;
            _fieldTokenPath = fieldTokenPath;
            _fleetKeyPath = fleetKeyPath;
            _meshSecretPath = meshSecretPath;
        }

        /// <summary>
        /// At the first start, stores the field token's verifier in <paramref name="tokens"/> and deletes its file;
        /// true then. False when the file is gone (imported at an earlier start). A crash between the two steps
        /// imports the same verifier again at the next start: nothing can pair before the start completes.
        /// </summary>
        public bool ImportFieldToken(FieldTokenStore tokens)
        {
            if (tokens == null)
            {
                throw new ArgumentNullException("tokens");
            }

            if (!File.Exists(_fieldTokenPath))
            {
                return false;
            }

            byte[] key = ReadKeyFile(_fieldTokenPath, "the field token's verifier");
            if (key.Length != FieldTokenStore.KeyBytes)
            {
                throw Bad(_fieldTokenPath, "the field token's verifier", "holds " + key.Length.ToString() + " bytes, not " + FieldTokenStore.KeyBytes.ToString());
            }

            tokens.ProvisionKey(key);
            File.Delete(_fieldTokenPath);
            return true;
        }

        /// <summary>The fleet key (16 or 32 bytes).</summary>
        public FleetKey ReadFleetKey()
        {
            byte[] key = ReadKeyFile(_fleetKeyPath, "the fleet key");
            if (key.Length != 16 && key.Length != 32)
            {
                throw Bad(_fleetKeyPath, "the fleet key", "holds " + key.Length.ToString() + " bytes, not 16 or 32");
            }

            return new FleetKey(key);
        }

        /// <summary>
        /// The mesh sensor's options when the settings name a destination (null otherwise): that destination, the
        /// shared secret, bundles of the board's size, and <paramref name="random"/> for the bundles' IVs.
        /// </summary>
        public MeshOptions CreateMeshOptions(IRandomSource random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            if (_settings.MeshDestination == null)
            {
                return null;
            }

            byte[] secret = ReadKeyFile(_meshSecretPath, "the mesh secret");
            if (secret.Length < SealKey.MinSecretBytes)
            {
                throw Bad(_meshSecretPath, "the mesh secret", "holds " + secret.Length.ToString() + " bytes, fewer than " + SealKey.MinSecretBytes.ToString());
            }

            SourceOptions source = new SourceOptions();
            _settings.Profile.ApplyMeshLimits(source);

            MeshOptions options = new MeshOptions();
            options.DestinationKeyId = PublicKeyId.Parse(_settings.MeshDestination);
            options.SharedSecret = secret;
            options.Random = random;
            options.Source = source;
            options.Validate();
            return options;
        }

        private static byte[] ReadKeyFile(string path, string what)
        {
            if (!File.Exists(path))
            {
                throw new IOException(what + " file " + path + " is missing: provision the device again");
            }

            if (new FileInfo(path).Length > MaxKeyFileBytes)
            {
                throw Bad(path, what, "is larger than " + MaxKeyFileBytes.ToString() + " bytes");
            }

            byte[] bytes = File.ReadAllBytes(path);
            try
            {
                return Base64Url.Decode(Encoding.UTF8.GetString(bytes, 0, bytes.Length).Trim());
            }
            catch (FormatException)
            {
                throw Bad(path, what, "does not hold base64url text");
            }
        }

        private static FormatException Bad(string path, string what, string reason)
        {
            return new FormatException(what + " file " + path + " " + reason);
        }
    }
}
