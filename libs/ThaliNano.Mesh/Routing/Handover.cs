namespace ThaliNano.Mesh.Routing
{
    /// <summary>What a holder does with its copies of a bundle at a contact: give some, keep some.</summary>
    public struct Handover
    {
        public Handover(int given, int kept)
        {
            Given = given;
            Kept = kept;
        }

        /// <summary>Copies (spray tokens) handed to the peer; 0: do not offer the bundle.</summary>
        public int Given { get; }

        /// <summary>Copies the holder keeps once the peer acknowledged custody; 0: the holder may drop its copy.</summary>
        public int Kept { get; }

        public bool Offers
        {
            get { return Given > 0; }
        }
    }
}
