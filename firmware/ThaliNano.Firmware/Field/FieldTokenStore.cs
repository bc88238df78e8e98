using System;
using System.IO;
using ThaliNano.FieldPairing;
using ThaliNano.Json;
using ThaliNano.Text;

namespace ThaliNano.Firmware.Field
{
    /// <summary>
    /// Keeps the field pairing token's verifier (<see cref="PairingToken.DeriveKey"/>, never the token) as a private
    /// record of the pairing registry: never served, never replicated, and on its own quota. Provisioning stores it;
    /// the first successful field pairing consumes it.
    /// </summary>
    public sealed class FieldTokenStore : ITokenStore
    {
        /// <summary>The registry record's id (no principal id starts with it).</summary>
        public const string RecordId = "fieldtoken";

        /// <summary>Bytes of a token's verifier.</summary>
        public const int KeyBytes = 32;

        private readonly PairingRegistry _registry;

        public FieldTokenStore(PairingRegistry registry)
        {
            if (registry == null)
            {
                throw new ArgumentNullException("registry");
            }

            _registry = registry;
        }

        /// <summary>Stores the verifier of a newly provisioned token, replacing any earlier one.</summary>
        public void Provision(PairingToken token)
        {
            if (token == null)
            {
                throw new ArgumentNullException("token");
            }

            ProvisionKey(token.DeriveKey());
        }

        /// <summary>
        /// Stores a token's verifier made elsewhere (<c>thalinano provision</c> writes it to <c>fieldtoken.key</c>),
        /// replacing any earlier one. Throws <see cref="ArgumentException"/> unless it is 32 bytes.
        /// </summary>
        public void ProvisionKey(byte[] key)
        {
            if (key == null || key.Length != KeyBytes)
            {
                throw new ArgumentException("a field token's verifier is " + KeyBytes.ToString() + " bytes", "key");
            }

            MemoryStream output = new MemoryStream();
            JsonWriter w = new JsonWriter(output);
            w.WriteStartObject();
            w.WritePropertyName("key");
            w.WriteString(Base64Url.Encode(key));
            w.WriteEndObject();
            w.Flush();
            _registry.WriteRecord(RecordId, output.ToArray());
        }

        public byte[] LoadTokenKey()
        {
            byte[] body = _registry.ReadRecord(RecordId);
            if (body == null)
            {
                return null;
            }

            JsonReader r = new JsonReader(body, 0, body.Length);
            while (r.Read())
            {
                if (r.TokenType == JsonToken.PropertyName && r.GetString() == "key" && r.Read() && r.TokenType == JsonToken.String)
                {
                    byte[] key = Base64Url.Decode(r.GetString());
                    if (key.Length == KeyBytes)
                    {
                        return key;
                    }
                }
            }

            throw new FormatException("the registry's field token record holds no 32-byte key");
        }

        public void ConsumeToken()
        {
            _registry.WriteRecord(RecordId, null);
        }
    }
}
