using System;
using System.Collections;

namespace ThaliNano.Http
{
    /// <summary>
    /// Dispatches each request to the handler mounted at the longest prefix of its decoded path segments
    /// (<see cref="HttpRequest.PathSegments"/>): <c>Mount("_status", status)</c> takes "/_status" and "/_status/x",
    /// never "/_statusx". A path no prefix matches goes to the fallback handler, or gets a JSON 404. The mux adds no
    /// authentication of its own: put it behind the authenticating handler so every mounted handler sees an established
    /// <see cref="HttpRequest.Principal"/>. Mount everything before serving; lookups are not locked.
    /// </summary>
    public sealed class PathMux : IHttpHandler
    {
        private readonly ArrayList _mounts = new ArrayList();
        private IHttpHandler _fallback;

        /// <summary>
        /// Serves requests whose path starts with <paramref name="prefix"/>: one or more segments separated by '/', no
        /// leading or trailing '/', compared after percent-decoding ("_mesh", "_thali/pairing").
        /// </summary>
        public void Mount(string prefix, IHttpHandler handler)
        {
            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            string[] segments = SplitPrefix(prefix);
            for (int i = 0; i < _mounts.Count; i++)
            {
                if (((MountPoint)_mounts[i]).Prefix == prefix)
                {
                    throw new ArgumentException("a handler is already mounted at /" + prefix, "prefix");
                }
            }

            _mounts.Add(new MountPoint(prefix, segments, handler));
        }

        /// <summary>The handler of every path no mounted prefix matches (the Couch API at the root); null answers 404.</summary>
        public IHttpHandler Fallback
        {
            get { return _fallback; }
            set { _fallback = value; }
        }

        public void Handle(HttpRequest request, HttpResponse response)
        {
            IHttpHandler handler = Find(request.PathSegments);
            if (handler == null)
            {
                throw new HttpException(404, "not_found", "nothing is served at this path");
            }

            handler.Handle(request, response);
        }

        /// <summary>The handler for these decoded path segments: the longest matching mount, else the fallback.</summary>
        public IHttpHandler Find(string[] pathSegments)
        {
            MountPoint best = null;
            for (int i = 0; i < _mounts.Count; i++)
            {
                MountPoint mount = (MountPoint)_mounts[i];
                if (mount.Matches(pathSegments) && (best == null || mount.Segments.Length > best.Segments.Length))
                {
                    best = mount;
                }
            }

            return best == null ? _fallback : best.Handler;
        }

        private static string[] SplitPrefix(string prefix)
        {
            if (prefix == null || prefix.Length == 0 || prefix[0] == '/' || prefix[prefix.Length - 1] == '/'
                || prefix.IndexOf("//") >= 0)
            {
                throw new ArgumentException("a mount prefix is one or more path segments without a leading or trailing '/'", "prefix");
            }

            return prefix.Split('/');
        }

        private sealed class MountPoint
        {
            public MountPoint(string prefix, string[] segments, IHttpHandler handler)
            {
                Prefix = prefix;
                Segments = segments;
                Handler = handler;
            }

            public string Prefix { get; }

            public string[] Segments { get; }

            public IHttpHandler Handler { get; }

            public bool Matches(string[] pathSegments)
            {
                if (pathSegments.Length < Segments.Length)
                {
                    return false;
                }

                for (int i = 0; i < Segments.Length; i++)
                {
                    if (pathSegments[i] != Segments[i])
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
