using System.IO;
using ThaliNano.Http;

namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// Finds the action token of a POST /_status/... request: the <c>X-Status-Token</c> header (API clients), else the
    /// <c>token</c> field of a small <c>application/x-www-form-urlencoded</c> body (the page's forms).
    /// </summary>
    internal static class ActionRequest
    {
        public const string TokenHeader = "X-Status-Token";

        /// <summary>Largest form body read: a token field is 28 bytes.</summary>
        public const int MaxFormBytes = 512;

        /// <summary>The token, or null when the request carries none; 413 for a form body beyond <see cref="MaxFormBytes"/>.</summary>
        public static string Token(HttpRequest request)
        {
            string header = request.Headers.Get(TokenHeader);
            if (header != null)
            {
                return header;
            }

            string type = request.Headers.Get("Content-Type");
            if (type == null || !type.StartsWith("application/x-www-form-urlencoded"))
            {
                return null;
            }

            return FormField(ReadBody(request.Body), "token");
        }

        private static string ReadBody(Stream body)
        {
            byte[] buffer = new byte[MaxFormBytes + 1];
            int count = 0;
            int read;
            while (count < buffer.Length && (read = body.Read(buffer, count, buffer.Length - count)) > 0)
            {
                count += read;
            }

            if (count > MaxFormBytes)
            {
                throw new HttpException(413, "request_entity_too_large", "a status action's form body is at most "
                    + MaxFormBytes.ToString() + " bytes");
            }

            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[i];
            }

            return new string(chars);
        }

        // The raw value of the first name=value pair with this name (a token needs no percent-decoding: it is base64url).
        private static string FormField(string form, string name)
        {
            int start = 0;
            while (start <= form.Length)
            {
                int end = form.IndexOf('&', start);
                if (end < 0)
                {
                    end = form.Length;
                }

                if (end - start > name.Length && form[start + name.Length] == '='
                    && form.Substring(start, name.Length) == name)
                {
                    return form.Substring(start + name.Length + 1, end - start - name.Length - 1);
                }

                start = end + 1;
            }

            return null;
        }
    }
}
