using System;
using System.Text;
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

        private static readonly byte[] s_bodyStart = Encoding.UTF8.GetBytes("{\"state\":\"");

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

        /// <summary>
        /// Writes the record. Its body is made in one array of its exact size (base64url needs no JSON escaping): a
        /// string of the 1.5 KB encoding and a growing stream would double or triple it during a contact.
        /// </summary>
        public void Save(byte[] state)
        {
            if (state == null)
            {
                throw new ArgumentNullException("state");
            }

            int encoded = Base64Url.EncodedLength(state.Length);
            byte[] body = new byte[s_bodyStart.Length + encoded + 2];
            Array.Copy(s_bodyStart, body, s_bodyStart.Length);
            Base64Url.EncodeTo(state, 0, state.Length, body, s_bodyStart.Length);
            body[body.Length - 2] = (byte)'"';
            body[body.Length - 1] = (byte)'}';

            _registry.WriteRecord(RecordId, body);
            if (_registry.CompactIfReclaimable(CompactionBytes))
            {
                Compactions++;
            }
        }
    }
}
