using System;
using ThaliNano.Couch.Json;
using ThaliNano.Couch.Replies;
using ThaliNano.Http;
using ThaliNano.Store.Revisions;
using ThaliNano.Store;

namespace ThaliNano.Couch.Documents
{
    /// <summary>The rules every document write shares: which rev is edited, replicated ancestry, acceptable ids, error replies.</summary>
    internal static class WriteRules
    {
        /// <summary>
        /// The revision an interactive write edits, from the body's "_rev", the rev query parameter and If-Match, as
        /// CouchDB reconciles them (400 when they disagree); null for none.
        /// </summary>
        public static string EditedRev(HttpRequest request, string bodyRev)
        {
            string rev = BodyOrQueryRev(request, bodyRev);
            string etag = request.Headers.Get("If-Match");
            if (etag != null)
            {
                if (etag.Length >= 2 && etag[0] == '"' && etag[etag.Length - 1] == '"')
                {
                    etag = etag.Substring(1, etag.Length - 2);
                }

                if (rev != null && rev != etag)
                {
                    throw CouchErrors.BadRequest("Document rev and etag have different values");
                }

                rev = etag;
            }

            DocumentReads.CheckRev(rev);
            return rev;
        }

        /// <summary>The body's "_rev" or the rev query parameter (400 when both are given and differ); null for none.</summary>
        public static string BodyOrQueryRev(HttpRequest request, string bodyRev)
        {
            string query = request.Query.Get("rev");
            if (bodyRev != null && query != null && bodyRev != query)
            {
                throw CouchErrors.BadRequest("Document rev from request body and query string have different values");
            }

            return bodyRev != null ? bodyRev : query;
        }

        /// <summary>
        /// The ancestry of a replicated (new_edits=false) write: "_revisions" when given (a "_rev" beside it is ignored, as
        /// CouchDB does: PouchDB may send one that disagrees), else "_rev" alone. Null with <paramref name="problem"/> set
        /// when the document gives neither.
        /// </summary>
        public static string[] Ancestry(ParsedDocument d, out int start, out string problem)
        {
            problem = null;
            start = 0;
            if (d.HasRevisions)
            {
                start = d.RevisionsStart;
                return d.RevisionIds;
            }

            Revision rev;
            if (d.Rev == null || !Revision.TryParse(d.Rev, out rev))
            {
                problem = d.Rev == null ? "new_edits=false needs _rev or _revisions" : "Invalid rev format";
                return null;
            }

            start = rev.Generation;
            return new string[] { rev.Hash };
        }

        /// <summary>Checks an id a client chose for a new document: design and local documents are refused here.</summary>
        public static HttpException CheckId(string id)
        {
            if (id.Length == 0)
            {
                return CouchErrors.IllegalDocId("Document id must not be empty");
            }

            if (id[0] != '_')
            {
                return null;
            }

            if (id.StartsWith("_design/"))
            {
                return CouchErrors.Forbidden(CouchErrors.DesignUnsupported);
            }

            if (id.StartsWith("_local/"))
            {
                return CouchErrors.Forbidden("_local documents are written with PUT /{db}/_local/{id}");
            }

            return CouchErrors.IllegalDocId(CouchErrors.UnderscoreId);
        }

        /// <summary>The reply for a write the store refused (a per-document error of a batch).</summary>
        public static HttpException FromWriteError(Exception e)
        {
            if (e is DocumentConflictException)
            {
                return CouchErrors.DocumentConflict();
            }

            if (e is StoreException)
            {
                return CouchErrors.FromStore((StoreException)e);
            }

            if (e.Message == CouchErrors.UnderscoreId)
            {
                return CouchErrors.IllegalDocId(e.Message);
            }

            return CouchErrors.BadRequest(e.Message);
        }

        /// <summary>Commits one write; returns its revision or throws its error reply.</summary>
        public static string CommitOne(Database db, WriteBatch batch)
        {
            WriteResult result = db.Commit(batch)[0];
            if (result.Error != null)
            {
                throw FromWriteError(result.Error);
            }

            return result.Rev;
        }
    }
}
