namespace ThaliNano.Client.Exchange;

/// <summary>Refuses a message that is not the one a side expects now, saying whether it is a replay or out of order.</summary>
internal static class CoinFlipOrder
{
    /// <param name="expected">The message the side expects next; null when it is done.</param>
    /// <param name="receives">The messages this side's role receives, in protocol order.</param>
    public static void Check(CoinFlipMessageType received, CoinFlipMessageType? expected, CoinFlipMessageType[] receives)
    {
        if (received == expected)
        {
            return;
        }

        if (Array.IndexOf(receives, received) < 0)
        {
            throw new CoinFlipException(CoinFlipRefusal.WrongOrder, "a " + received + " message is sent by this side, never received");
        }

        if (expected == null || received < expected)
        {
            throw new CoinFlipException(CoinFlipRefusal.Replayed, "a " + received + " message was already received in this exchange");
        }

        throw new CoinFlipException(CoinFlipRefusal.WrongOrder, "a " + received + " message came before the " + expected + " message");
    }
}
