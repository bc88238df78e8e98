using System;
using System.IO;
using ThaliNano.Couch;
using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Text;

namespace ThaliNano.Firmware.Pairing
{
    /// <summary>
    /// The body of POST /_pairing: <c>{"certificate": "&lt;PEM, or DER in base64url&gt;", "owner": false, "group": "name"}</c>
    /// (owner and group optional), at most
    /// <see cref="PairingEndpoint.MaxBodyBytes"/> bytes. Anything else is answered 400 (413 when too large).
    /// </summary>
    internal sealed class PairRequest
    {
        private const string PemStart = "-----BEGIN";

        private string _certificate;
        private bool _owner;
        private string _group;

        /// <summary>Whether the client asked to become the owner.</summary>
        public bool Owner
        {
            get { return _owner; }
        }

        /// <summary>The group the new principal joins (a valid group name), or null.</summary>
        public string Group
        {
            get { return _group; }
        }

        public static PairRequest Read(HttpRequest request)
        {
            byte[] body = ReadBody(request);
            PairRequest pair = new PairRequest();
            JsonLimits limits = new JsonLimits();
            limits.MaxDepth = 2;
            limits.MaxStringLength = PairingEndpoint.MaxBodyBytes;
            try
            {
                JsonReader r = new JsonReader(body, 0, body.Length, limits);
                if (!r.Read() || r.TokenType != JsonToken.StartObject)
                {
                    throw BadRequest("the body is not a JSON object");
                }

                while (r.Read() && r.TokenType == JsonToken.PropertyName)
                {
                    string name = r.GetString();
                    r.Read();
                    if (name == "certificate" && r.TokenType == JsonToken.String)
                    {
                        pair._certificate = r.GetString();
                    }
                    else if (name == "owner" && (r.TokenType == JsonToken.True || r.TokenType == JsonToken.False))
                    {
                        pair._owner = r.GetBoolean();
                    }
                    else if (name == "group" && r.TokenType == JsonToken.String)
                    {
                        pair._group = r.GetString();
                    }
                    else
                    {
                        throw BadRequest(name == "certificate" || name == "owner" || name == "group"
                            ? "\"" + name + "\" has the wrong type: certificate and group are strings, owner true or false"
                            : "unknown field \"" + name + "\": a pairing takes certificate, owner and group");
                    }
                }

                if (r.Read())
                {
                    throw BadRequest("the body has content after its JSON object");
                }
            }
            catch (JsonException e)
            {
                throw BadRequest("the body is not valid JSON: " + e.Message);
            }

            if (pair._certificate == null)
            {
                throw BadRequest("the body lacks \"certificate\": the client's certificate as PEM or as DER in base64url");
            }

            if (pair._group != null && !GroupNames.IsValid(pair._group))
            {
                throw BadRequest("\"group\" is not a group name: 1 to " + GroupNames.MaxLength.ToString()
                    + " ASCII letters, digits, '_', '-' and '.'");
            }

            return pair;
        }

        /// <summary>The certificate's DER bytes, from PEM text or base64url.</summary>
        public byte[] DecodeCertificate()
        {
            try
            {
                return _certificate.StartsWith(PemStart) ? Pem.DecodeCertificate(_certificate) : Base64Url.Decode(_certificate);
            }
            catch (FormatException e)
            {
                throw BadRequest("\"certificate\" is neither a PEM certificate nor DER in base64url: " + e.Message);
            }
        }

        private static byte[] ReadBody(HttpRequest request)
        {
            if (request.ContentLength > PairingEndpoint.MaxBodyBytes)
            {
                throw TooLarge();
            }

            byte[] buffer = new byte[PairingEndpoint.MaxBodyBytes + 1];
            int count = 0;
            int read;
            while (count < buffer.Length && (read = request.Body.Read(buffer, count, buffer.Length - count)) > 0)
            {
                count += read;
            }

            if (count > PairingEndpoint.MaxBodyBytes)
            {
                throw TooLarge();
            }

            byte[] body = new byte[count];
            Array.Copy(buffer, 0, body, 0, count);
            return body;
        }

        private static HttpException TooLarge()
        {
            return new HttpException(413, "request_too_large", "a pairing request is at most "
                + PairingEndpoint.MaxBodyBytes.ToString() + " bytes");
        }

        private static HttpException BadRequest(string reason)
        {
            return new HttpException(400, "bad_request", reason);
        }
    }
}
