using System.Collections;
using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>Writes offered bundles as records of a frame while they fit, remembering which were sent (their acks count).</summary>
    internal sealed class FrameBundleSink : IBundleSink
    {
        private readonly ContactFrameWriter _writer;
        private readonly ContactReport _report;
        private bool _full;

        public FrameBundleSink(ContactFrameWriter writer, ContactReport report)
        {
            _writer = writer;
            _report = report;
            Sent = new Hashtable();
        }

        /// <summary>Keys (<see cref="InboundRecords.KeyOf"/>) of the bundles written.</summary>
        public Hashtable Sent { get; }

        public bool Add(byte[] bundle)
        {
            BundleHeader header;
            if (bundle == null || BundleHeader.TryParse(bundle, ContactLimits.MaxRecordBytes, out header) != BundleRejection.None)
            {
                throw new System.ArgumentException("only a well-formed bundle can be offered", "bundle");
            }

            if (_full || !_writer.TryWrite(ContactRecordType.Bundle, bundle))
            {
                _full = true;
                return false;
            }

            Sent[InboundRecords.KeyOf(header.Source, header.CreationSequence)] = true;
            _report.BundlesSent++;
            _report.BundleBytesSent += bundle.Length;
            return true;
        }
    }
}
