using ThaliNano.Couch.Routing;

namespace ThaliNano.Couch.Security
{
    /// <summary>
    /// A live _changes feed's right to go on: asked before every row (and while the feed waits), it asks the pairing
    /// directory each time but re-evaluates the ACLs only when the system database changed since the last answer (the
    /// <see cref="AccessControl.Generation"/> moved), so an unchanged ACL costs one locked int read per row.
    /// </summary>
    internal sealed class LiveAccess
    {
        private readonly AccessControl _acl;
        private readonly IPrincipalDirectory _directory;
        private readonly string _principal;
        private readonly Route _route;
        private int _generation;

        /// <summary>For a feed whose request was just granted read access.</summary>
        public LiveAccess(AccessControl acl, IPrincipalDirectory directory, string principal, Route route)
        {
            _acl = acl;
            _directory = directory;
            _principal = principal;
            _route = route;
            _generation = acl.Generation;
        }

        /// <summary>False once the principal was unpaired or lost the right to read the database.</summary>
        public bool Allowed()
        {
            if (_directory != null && !_directory.IsPaired(_principal))
            {
                return false;
            }

            int generation = _acl.Generation;
            if (generation == _generation)
            {
                return true;
            }

            if (_acl.Refusal(_principal, _route, Access.Read) != null)
            {
                return false;
            }

            _generation = generation;
            return true;
        }
    }
}
