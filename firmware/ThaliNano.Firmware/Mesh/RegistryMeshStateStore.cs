using System;
using System.IO;
using ThaliNano.Json;
using ThaliNano.Mesh.Source;
using ThaliNano.Text;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// Keeps the mesh state as a private record of the pairing registry (<c>{"state": base64url}</c> under
    /// <see cref="RecordId"/>): never served and never replicated, so no client can forge custody or receipts into it,
    /// and on the registry's own quota. Each save appends the record to the registry's log, so the registry is compacted
    /// once <see cref="CompactionBytes"/> of it are superseded.
    /// </summary>
    public sealed class RegistryMeshStateStore : IMeshStateStore
    {
        /// <summary>The registry record's id (no principal id starts with it).</summary>
        public const string RecordId = "meshstate";

        /// <summary>Superseded bytes that trigger a compaction: a quarter of the device registry's quota.</summary>
        public const long CompactionBytes = HubConfiguration.RegistryStoreBytes / 4;

        private readonly PairingRegistry _registry;

        public RegistryMeshStateStore(PairingRegistry registry)
        {
            if (registry == null)
            {
                throw new ArgumentNullException("registry");
            }

            _registry = registry;
        }

        /// <summary>Compactions made so far (tests, status).</summary>
        public int Compactions { get; private set; }

        public byte[] Load()
        {
            byte[] body = _registry.ReadRecord(RecordId);
            if (body == null)
            {
                return null;
            }

            try
            {
                JsonReader r = new JsonReader(body, 0, body.Length);
                while (r.Read())
                {
                    if (r.TokenType == JsonToken.PropertyName && r.GetString() == "state" && r.Read() && r.TokenType == JsonToken.String)
                    {
                        return Base64Url.Decode(r.GetString());
                    }
                }
            }
            catch (JsonException e)
            {
                throw new MeshStateException("the registry's record is not JSON: " + e.Message);
            }
            catch (FormatException e)
            {
                throw new MeshStateException("the registry's record is not base64url: " + e.Message);
            }

            throw new MeshStateException("the registry's record holds no \"state\"");
        }

        public void Save(byte[] state)
        {
            MemoryStream output = new MemoryStream();
            JsonWriter w = new JsonWriter(output);
            w.WriteStartObject();
            w.WritePropertyName("state");
            w.WriteString(Base64Url.Encode(state));
            w.WriteEndObject();
            w.Flush();
            _registry.WriteRecord(RecordId, output.ToArray());
            if (_registry.CompactIfReclaimable(CompactionBytes))
            {
                Compactions++;
            }
        }
    }
}
