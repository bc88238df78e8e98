namespace ThaliNano.Http
{
    /// <summary>Reason phrases for status lines and the CouchDB-style error names of error replies.</summary>
    public static class HttpStatus
    {
        public static string ReasonPhrase(int statusCode)
        {
            switch (statusCode)
            {
                case 100: return "Continue";
                case 200: return "OK";
                case 201: return "Created";
                case 202: return "Accepted";
                case 204: return "No Content";
                case 206: return "Partial Content";
                case 301: return "Moved Permanently";
                case 302: return "Found";
                case 304: return "Not Modified";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 406: return "Not Acceptable";
                case 408: return "Request Timeout";
                case 409: return "Conflict";
                case 411: return "Length Required";
                case 412: return "Precondition Failed";
                case 413: return "Content Too Large";
                case 414: return "URI Too Long";
                case 415: return "Unsupported Media Type";
                case 416: return "Range Not Satisfiable";
                case 417: return "Expectation Failed";
                case 431: return "Request Header Fields Too Large";
                case 500: return "Internal Server Error";
                case 501: return "Not Implemented";
                case 503: return "Service Unavailable";
                case 505: return "HTTP Version Not Supported";
                default: return statusCode < 400 ? "Status" : "Error";
            }
        }

        /// <summary>The "error" member the server uses for its own replies (CouchDB's names where CouchDB has one).</summary>
        public static string ErrorName(int statusCode)
        {
            switch (statusCode)
            {
                case 400: return "bad_request";
                case 401: return "unauthorized";
                case 403: return "forbidden";
                case 404: return "not_found";
                case 405: return "method_not_allowed";
                case 406: return "not_acceptable";
                case 408: return "request_timeout";
                case 409: return "conflict";
                case 411: return "length_required";
                case 412: return "file_exists";
                case 413: return "too_large";
                case 414: return "uri_too_long";
                case 415: return "bad_content_type";
                case 417: return "expectation_failed";
                case 431: return "header_fields_too_large";
                case 501: return "not_implemented";
                case 503: return "service_unavailable";
                case 505: return "http_version_not_supported";
                default: return statusCode < 500 ? "bad_request" : "internal_server_error";
            }
        }

        /// <summary>Statuses whose responses never carry a body (RFC 9110 6.4.1).</summary>
        public static bool ForbidsBody(int statusCode)
        {
            return statusCode < 200 || statusCode == 204 || statusCode == 304;
        }
    }
}
