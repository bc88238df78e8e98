namespace ThaliNano.Couch.Security
{
    /// <summary>A database's access lists: principals (key ids), "group:{name}" and "*" (every authenticated principal).</summary>
    internal sealed class Acl
    {
        public static readonly Acl None = new Acl(new string[0], new string[0]);

        public Acl(string[] read, string[] write)
        {
            Read = read;
            Write = write;
        }

        public string[] Read { get; private set; }

        public string[] Write { get; private set; }
    }
}
