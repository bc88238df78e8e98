namespace ThaliNano.Couch
{
    /// <summary>
    /// Tells whether a principal is still paired with the hub (the firmware answers from its pairing registry). Open
    /// _changes feeds ask it before every row they send and end when their principal is no longer paired, so it must
    /// be cheap (a table lookup) and thread-safe, and answer true for every principal the authenticator accepts (the
    /// owner included).
    /// </summary>
    public interface IPrincipalDirectory
    {
        bool IsPaired(string principal);
    }
}
