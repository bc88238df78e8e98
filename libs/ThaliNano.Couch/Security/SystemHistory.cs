using ThaliNano.Couch.Replies;
using ThaliNano.Http;
using ThaliNano.Store;

namespace ThaliNano.Couch.Security
{
    /// <summary>
    /// Keeps every system document on one line of history. A conflict there is an attack surface: when the winner is
    /// deleted or edited, an older, looser ACL on another branch could win. So the system database refuses
    /// new_edits=false (replicated revisions may start branches) and any interactive write but an edit of the current
    /// revision; a conflict that exists anyway (written to the store directly) can only be settled by deleting its
    /// losing revisions, never by touching the winner.
    /// </summary>
    internal static class SystemHistory
    {
        /// <summary>The refusal of a replicated (new_edits=false) write to the system database.</summary>
        public static HttpException ReplicatedWriteRefused()
        {
            return CouchErrors.Forbidden("the system database refuses new_edits=false: replicated revisions could create a "
                + "conflict and let an older ACL win; write its documents with PUT and their current _rev");
        }

        /// <summary>Throws 409 unless writing (or deleting) <paramref name="rev"/> of the document keeps one line of history.</summary>
        public static void CheckEdit(Database db, string id, string rev, bool delete)
        {
            Document current = db.Get(id, null, ReadOptions.Conflicts);
            if (current == null || rev == null)
            {
                // New documents, and writes over a deleted one (which extend its winning tombstone), start no branch.
                return;
            }

            string[] losers = current.Conflicts;
            bool conflicted = losers != null && losers.Length > 0;
            if (rev == current.Rev)
            {
                if (conflicted)
                {
                    throw Refused("system document " + id + " has conflicting revisions (" + losers[0] + (losers.Length > 1 ? ", ..." : "")
                        + "): delete them first, so that none of them can win when " + rev + " changes");
                }

                return;
            }

            if (delete && conflicted && Contains(losers, rev))
            {
                return;
            }

            throw Refused("only the current revision " + current.Rev + " of system document " + id
                + " may be edited: editing " + rev + " would create a conflict");
        }

        private static HttpException Refused(string reason)
        {
            return new HttpException(409, "conflict", reason);
        }

        private static bool Contains(string[] revs, string rev)
        {
            for (int i = 0; i < revs.Length; i++)
            {
                if (revs[i] == rev)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
