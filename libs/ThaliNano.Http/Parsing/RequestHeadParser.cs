namespace ThaliNano.Http.Parsing
{
    /// <summary>
    /// Reads a request line and header section (RFC 9112 2-6) and decides the body's framing. Everything wrong in the
    /// request line or the header section, and every framing conflict, is a <see cref="HttpException"/> that closes
    /// the connection; a missing or repeated Host only marks the request (<see cref="HttpRequest.Problem"/>).
    /// </summary>
    internal sealed class RequestHeadParser
    {
        private const int MaxEmptyLinesBefore = 2;
        private const int MaxContentLengthDigits = 18;

        private static readonly string[] s_knownMethods = { "GET", "HEAD", "POST", "PUT", "DELETE", "COPY", "OPTIONS", "PATCH" };

        private static readonly string[] s_knownNames =
        {
            "host", "content-length", "transfer-encoding", "connection", "expect", "content-type", "accept",
            "user-agent", "accept-encoding", "accept-language", "authorization", "if-match", "if-none-match",
            "keep-alive", "te", "origin", "referer", "cache-control", "pragma", "destination", "x-couch-full-commit",
        };

        private readonly HttpServerOptions _options;

        public RequestHeadParser(HttpServerOptions options)
        {
            this._options = options;
        }

        /// <summary>The request head, or null when the stream ends before a request starts.</summary>
        public HttpRequest Parse(ConnectionInput input, LineBuffer line)
        {
            int emptyLines = 0;
            while (true)
            {
                if (!input.ReadLine(line, _options.MaxRequestLineBytes, 414, "request line"))
                {
                    return null;
                }

                if (line.Length > 0)
                {
                    break;
                }

                if (++emptyLines > MaxEmptyLinesBefore)
                {
                    throw input.Fail(400, "too many empty lines before the request line");
                }
            }

            HttpRequest request = ParseRequestLine(input, line);
            ReadHeaders(input, line, request.Headers);
            DecideFraming(input, request);
            return request;
        }

        private static HttpRequest ParseRequestLine(ConnectionInput input, LineBuffer line)
        {
            byte[] bytes = line.Bytes;
            int length = line.Length;
            int firstSpace = IndexOfSpace(bytes, 0, length);
            int secondSpace = firstSpace < 0 ? -1 : IndexOfSpace(bytes, firstSpace + 1, length);
            if (firstSpace <= 0 || secondSpace < 0 || secondSpace == firstSpace + 1
                || IndexOfSpace(bytes, secondSpace + 1, length) >= 0)
            {
                throw input.Fail(400, "request line must be: method SP request-target SP HTTP-version");
            }

            for (int i = 0; i < firstSpace; i++)
            {
                if (!HttpSyntax.IsTokenChar(bytes[i]))
                {
                    throw input.Fail(400, "method is not a token");
                }
            }

            bool isHttp11 = ParseVersion(input, bytes, secondSpace + 1, length);
            if (bytes[firstSpace + 1] != '/')
            {
                throw input.Fail(400, "request target must be in origin-form (start with '/')");
            }

            for (int i = firstSpace + 1; i < secondSpace; i++)
            {
                if (!HttpSyntax.IsTargetChar(bytes[i]))
                {
                    throw input.Fail(400, "request target holds a character that must be percent-encoded");
                }
            }

            string method = Intern(s_knownMethods, bytes, 0, firstSpace, false);
            if (method == null)
            {
                method = line.ToLatin1(0, firstSpace);
            }

            string target = line.ToLatin1(firstSpace + 1, secondSpace);
            return new HttpRequest(method, target, isHttp11, new HttpHeaders(false, 8));
        }

        private static bool ParseVersion(ConnectionInput input, byte[] bytes, int start, int end)
        {
            bool shaped = end - start == 8 && bytes[start] == 'H' && bytes[start + 1] == 'T' && bytes[start + 2] == 'T'
                && bytes[start + 3] == 'P' && bytes[start + 4] == '/' && IsDigit(bytes[start + 5])
                && bytes[start + 6] == '.' && IsDigit(bytes[start + 7]);
            if (!shaped)
            {
                throw input.Fail(400, "invalid HTTP version");
            }

            if (bytes[start + 5] != '1' || (bytes[start + 7] != '0' && bytes[start + 7] != '1'))
            {
                throw input.Fail(505, "only HTTP/1.1 and HTTP/1.0 are supported");
            }

            return bytes[start + 7] == '1';
        }

        private void ReadHeaders(ConnectionInput input, LineBuffer line, HttpHeaders headers)
        {
            int total = 0;
            int fields = 0;
            while (true)
            {
                if (!input.ReadLine(line, _options.MaxHeaderLineBytes, 431, "header line"))
                {
                    input.MarkBroken();
                    throw new ConnectionLostException("the connection ended inside the header section", null);
                }

                int length = line.Length;
                if (length == 0)
                {
                    return;
                }

                total += length + 2;
                if (total > _options.MaxHeaderBytes)
                {
                    throw input.Fail(431, "header section exceeds " + _options.MaxHeaderBytes.ToString() + " bytes");
                }

                if (fields++ == _options.MaxHeaderCount)
                {
                    throw input.Fail(431, "more than " + _options.MaxHeaderCount.ToString() + " header fields");
                }

                int colon;
                int valueStart;
                int valueEnd;
                string problem = FieldLine.Parse(line.Bytes, length, out colon, out valueStart, out valueEnd);
                if (problem != null)
                {
                    throw input.Fail(400, problem);
                }

                string name = Intern(s_knownNames, line.Bytes, 0, colon, true);
                if (name == null)
                {
                    name = LowerCase(line.Bytes, colon);
                }

                if (Keeps(name))
                {
                    headers.AddParsed(name, line.ToLatin1(valueStart, valueEnd));
                }
            }
        }

        private bool Keeps(string name)
        {
            string[] kept = _options.KeptRequestHeaders;
            if (kept == null || name == "host" || name == "content-length" || name == "transfer-encoding" || name == "connection"
                || name == "expect")
            {
                return true;
            }

            for (int i = 0; i < kept.Length; i++)
            {
                if (kept[i] == name)
                {
                    return true;
                }
            }

            return false;
        }

        private void DecideFraming(ConnectionInput input, HttpRequest request)
        {
            HttpHeaders headers = request.Headers;
            bool isHttp11 = request.IsHttp11;
            int hosts = 0;
            int transferEncodings = 0;
            int chunkedCount = 0;
            bool lastIsChunked = false;
            string unsupported = null;
            long contentLength = -1;
            for (int i = 0; i < headers.Count; i++)
            {
                string name = headers.NameAt(i);
                string value = headers.ValueAt(i);
                if (name == "host")
                {
                    hosts++;
                }
                else if (name == "transfer-encoding")
                {
                    transferEncodings++;
                    ReadTransferCodings(value, ref chunkedCount, ref lastIsChunked, ref unsupported);
                }
                else if (name == "content-length")
                {
                    contentLength = CheckContentLength(input, value, contentLength);
                }
            }

            if (transferEncodings > 0 && !isHttp11)
            {
                throw input.Fail(400, "Transfer-Encoding is not allowed in an HTTP/1.0 request");
            }

            if (transferEncodings > 0 && contentLength >= 0)
            {
                throw input.Fail(400, "Content-Length and Transfer-Encoding both present");
            }

            if (transferEncodings > 0 && !lastIsChunked)
            {
                throw input.Fail(400, "Transfer-Encoding must end with chunked");
            }

            if (chunkedCount > 1)
            {
                throw input.Fail(400, "chunked is applied more than once");
            }

            if (unsupported != null)
            {
                throw input.Fail(501, "transfer coding '" + unsupported + "' is not supported");
            }

            bool chunked = transferEncodings > 0;

            if (contentLength > _options.MaxBodyBytes)
            {
                throw input.Fail(413, "request body of " + contentLength.ToString() + " bytes exceeds the limit of "
                    + _options.MaxBodyBytes.ToString() + " bytes");
            }

            // RFC 9112 section 6.3: a request with neither header has no body, whatever its method
            // (curl -X PUT /db sends none, and CouchDB accepts it).
            if (!chunked && contentLength < 0)
            {
                contentLength = 0;
            }

            request.ContentLength = chunked ? -1 : contentLength;
            request.WantsKeepAlive = isHttp11
                ? !headers.ContainsToken("connection", "close")
                : headers.ContainsToken("connection", "keep-alive") && !headers.ContainsToken("connection", "close");
            request.ExpectsContinue = isHttp11 && CheckExpect(input, headers) && request.ContentLength != 0;

            if (isHttp11 && hosts == 0)
            {
                request.Problem = HttpException.BadRequest("Host header missing (required in HTTP/1.1)");
            }
            else if (hosts > 1)
            {
                request.Problem = HttpException.BadRequest("more than one Host header");
            }
        }

        /// <summary>Reads the codings of one Transfer-Encoding value (a comma-separated list, empty elements ignored).</summary>
        private static void ReadTransferCodings(string value, ref int chunkedCount, ref bool lastIsChunked, ref string unsupported)
        {
            int start = 0;
            while (start <= value.Length)
            {
                int comma = value.IndexOf(',', start);
                int end = comma < 0 ? value.Length : comma;
                if (Ascii.RangeEqualsIgnoreCase(value, start, end, "chunked"))
                {
                    chunkedCount++;
                    lastIsChunked = true;
                }
                else if (!Ascii.RangeEqualsIgnoreCase(value, start, end, string.Empty))
                {
                    lastIsChunked = false;
                    if (unsupported == null)
                    {
                        unsupported = value.Substring(start, end - start).Trim();
                    }
                }

                start = end + 1;
            }
        }

        /// <summary>Checks one Content-Length value (a list of equal numbers is allowed); returns the length.</summary>
        private static long CheckContentLength(ConnectionInput input, string value, long before)
        {
            long length = before;
            int start = 0;
            while (start <= value.Length)
            {
                int comma = value.IndexOf(',', start);
                int end = comma < 0 ? value.Length : comma;
                while (start < end && Ascii.IsWhitespace(value[start]))
                {
                    start++;
                }

                while (end > start && Ascii.IsWhitespace(value[end - 1]))
                {
                    end--;
                }

                if (end == start)
                {
                    throw input.Fail(400, "invalid Content-Length");
                }

                long parsed = 0;
                for (int i = start; i < end; i++)
                {
                    char c = value[i];
                    if (c < '0' || c > '9')
                    {
                        throw input.Fail(400, "invalid Content-Length");
                    }

                    if (i - start == MaxContentLengthDigits)
                    {
                        throw input.Fail(413, "Content-Length has more than " + MaxContentLengthDigits.ToString() + " digits");
                    }

                    parsed = parsed * 10 + (c - '0');
                }

                if (length >= 0 && parsed != length)
                {
                    throw input.Fail(400, "conflicting Content-Length values");
                }

                length = parsed;
                start = (comma < 0 ? value.Length : comma) + 1;
            }

            return length;
        }

        /// <summary>True for "Expect: 100-continue"; any other expectation is answered with 417.</summary>
        private static bool CheckExpect(ConnectionInput input, HttpHeaders headers)
        {
            bool expects = false;
            for (int v = 0; v < headers.Count; v++)
            {
                if (headers.NameAt(v) != "expect")
                {
                    continue;
                }

                string value = headers.ValueAt(v);
                int start = 0;
                while (start <= value.Length)
                {
                    int comma = value.IndexOf(',', start);
                    int end = comma < 0 ? value.Length : comma;
                    if (Ascii.RangeEqualsIgnoreCase(value, start, end, "100-continue"))
                    {
                        expects = true;
                    }
                    else if (!Ascii.RangeEqualsIgnoreCase(value, start, end, string.Empty))
                    {
                        throw input.Fail(417, "only the expectation 100-continue is supported");
                    }

                    start = end + 1;
                }
            }

            return expects;
        }

        private static string Intern(string[] table, byte[] bytes, int start, int end, bool ignoreCase)
        {
            int length = end - start;
            for (int t = 0; t < table.Length; t++)
            {
                string candidate = table[t];
                if (candidate.Length != length)
                {
                    continue;
                }

                int i = 0;
                while (i < length)
                {
                    int b = bytes[start + i];
                    if (ignoreCase && b >= 'A' && b <= 'Z')
                    {
                        b += 32;
                    }

                    if (b != candidate[i])
                    {
                        break;
                    }

                    i++;
                }

                if (i == length)
                {
                    return candidate;
                }
            }

            return null;
        }

        private static string LowerCase(byte[] bytes, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = Ascii.ToLower((char)bytes[i]);
            }

            return new string(chars);
        }

        private static int IndexOfSpace(byte[] bytes, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (bytes[i] == ' ')
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsDigit(byte b)
        {
            return b >= '0' && b <= '9';
        }
    }
}
