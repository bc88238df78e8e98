using ThaliNano.Http;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Replies
{
    /// <summary>The error replies of the Couch API, with CouchDB's error names and, where replicators look, its reasons.</summary>
    internal static class CouchErrors
    {
        public const string DatabaseMissing = "Database does not exist.";
        public const string Conflict = "Document update conflict.";
        public const string AttachmentsUnsupported = "attachments are not supported by this hub";
        public const string DesignUnsupported = "design documents are not supported by this hub";
        public const string UnderscoreId = "Only reserved document ids may start with underscore.";

        public static HttpException BadRequest(string reason)
        {
            return new HttpException(400, "bad_request", reason);
        }

        public static HttpException QueryParseError(string reason)
        {
            return new HttpException(400, "query_parse_error", reason);
        }

        public static HttpException NotFound(string reason)
        {
            return new HttpException(404, "not_found", reason);
        }

        public static HttpException DatabaseNotFound()
        {
            return NotFound(DatabaseMissing);
        }

        public static HttpException DocumentConflict()
        {
            return new HttpException(409, "conflict", Conflict);
        }

        public static HttpException Forbidden(string reason)
        {
            return new HttpException(403, "forbidden", reason);
        }

        public static HttpException Unauthorized(string reason)
        {
            return new HttpException(401, "unauthorized", reason);
        }

        public static HttpException TooLarge(string error, string reason)
        {
            return new HttpException(413, error, reason);
        }

        public static HttpException NotImplemented(string reason)
        {
            return new HttpException(501, "not_implemented", reason);
        }

        public static HttpException MethodNotAllowed(string allowed)
        {
            return new HttpException(405, "method_not_allowed", "Only " + allowed + " allowed");
        }

        public static HttpException IllegalDocId(string reason)
        {
            return new HttpException(400, "illegal_docid", reason);
        }

        public static HttpException InvalidJson(JsonException e)
        {
            if (e.Reason.StartsWith("string longer than"))
            {
                // The reader's string limit is the largest document: such a string cannot be part of one.
                return TooLarge("document_too_large", "the request body holds a " + e.Reason + ", more than a document may hold");
            }

            return BadRequest("invalid JSON in the request body: " + e.Reason + " at byte " + e.Position.ToString());
        }

        /// <summary>The reply for an exception the store raised on purpose; null when it is not one of those.</summary>
        public static HttpException FromStore(StoreException e)
        {
            if (e is DatabaseNotFoundException)
            {
                return DatabaseNotFound();
            }

            if (e is DocumentConflictException)
            {
                return DocumentConflict();
            }

            if (e is DatabaseExistsException)
            {
                return new HttpException(412, "file_exists", "The database could not be created, the file already exists.");
            }

            if (e is InvalidDatabaseNameException)
            {
                return new HttpException(400, "illegal_database_name", e.Message);
            }

            if (e is InsufficientStorageException)
            {
                return new HttpException(507, "insufficient_storage", e.Message);
            }

            if (e is StoreCorruptedException)
            {
                return new HttpException(500, "store_corrupted", e.Message);
            }

            if (e is UnsupportedFormatException)
            {
                return new HttpException(500, "unsupported_format", e.Message);
            }

            return new HttpException(500, "store_error", e.Message);
        }
    }
}
