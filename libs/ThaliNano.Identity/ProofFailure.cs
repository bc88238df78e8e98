namespace ThaliNano.Identity
{
    /// <summary>Why a request's principal could not be established (see the README for the HTTP answer to each).</summary>
    public enum ProofFailure
    {
        None = 0,

        /// <summary>No Authorization header, and the transport authenticated no key.</summary>
        MissingCredentials = 1,

        /// <summary>An Authorization header of another scheme than ThaliKey.</summary>
        UnsupportedScheme = 2,

        /// <summary>A ThaliKey header that does not follow the grammar, or a method/target that cannot be signed.</summary>
        Malformed = 3,

        /// <summary>The proof names another key than the one TLS authenticated (host board).</summary>
        KeyMismatch = 4,

        /// <summary>The named key is not paired with this hub (answered exactly like <see cref="BadMac"/>).</summary>
        UnknownKey = 5,

        /// <summary>The proof is for another epoch: the client retries with the epoch of the challenge.</summary>
        WrongEpoch = 6,

        /// <summary>The MAC is wrong: another secret, or another hub, epoch, counter, method, target or body digest was signed.</summary>
        BadMac = 7,

        /// <summary>The counter was already accepted in this epoch.</summary>
        Replayed = 8,

        /// <summary>The counter is more than 64 below the highest accepted one (outside the replay window).</summary>
        TooOld = 9,
    }
}
