namespace ThaliNano.Mesh.Contact
{
    /// <summary>Record types of a contact frame (see the Contact section of the Mesh README).</summary>
    internal static class ContactRecordType
    {
        public const int Hello = 1;
        public const int Summary = 2;
        public const int Receipt = 3;
        public const int Bundle = 4;
        public const int Ack = 5;
        public const int Refusal = 6;
        public const int End = 127;
    }
}
