using System.Text;

namespace ThaliNano.FieldPairing
{
    /// <summary>A refusal: 0x7F, reason (1 byte), text length (1 byte, at most 200), UTF-8 text.</summary>
    public static class RefusalMessage
    {
        public static byte[] Encode(RefusalReason reason, string text)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            int length = utf8.Length < FieldPairingMessage.MaxRefusalTextLength ? utf8.Length : FieldPairingMessage.MaxRefusalTextLength;
            byte[] message = new byte[3 + length];
            message[0] = FieldPairingMessage.Refusal;
            message[1] = (byte)reason;
            message[2] = (byte)length;
            System.Array.Copy(utf8, 0, message, 3, length);
            return message;
        }
    }
}
