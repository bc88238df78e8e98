using System;
using ThaliNano.Couch;
using ThaliNano.Identity;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Pairing
{
    /// <summary>
    /// The second half of replacing a lost owner key while the hub is stopped (firmware/README.md, "Owner recovery"):
    /// the new owner takes the lost key's place among the admins of the system database, which the Couch handler only
    /// seeds on the first start, so that the recovered owner can administer ACLs and admins again. Writes the
    /// documented <c>admins</c> body (<c>{"members":[key id,...]}</c>, other fields kept) of the served store.
    /// </summary>
    public static class OwnerRecovery
    {
        private const string AdminsId = "admins";

        /// <summary>
        /// Puts <paramref name="replacement"/> in place of <paramref name="lost"/> among the admins (adds it when the lost
        /// key was not listed). False when there is nothing to change: no system database yet (the first start seeds
        /// it with the registry's owner), or the replacement is listed and the lost key is not.
        /// </summary>
        /// <param name="couch">The hub's Couch options: where in the store the system database lives.</param>
        public static bool HandOverAdmin(DocumentStore store, CouchOptions couch, PublicKeyId lost, PublicKeyId replacement)
        {
            if (store == null || couch == null || replacement == null)
            {
                throw new ArgumentNullException(store == null ? "store" : couch == null ? "couch" : "replacement");
            }

            string name = couch.SystemDatabaseStoreName;
            if (!store.DatabaseExists(name))
            {
                return false;
            }

            Database db = store.OpenDatabase(name);
            return SystemMembers.Edit(db, AdminsId, lost == null ? null : lost.ToBase64Url(), replacement.ToBase64Url(), false);
        }
    }
}
