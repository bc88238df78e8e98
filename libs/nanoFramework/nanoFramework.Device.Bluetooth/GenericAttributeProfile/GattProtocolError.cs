// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattProtocolError.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    /// <summary>ATT error codes as byte properties.</summary>
    public static class GattProtocolError
    {
        public static byte AttributeNotFound => throw null;
        public static byte AttributeNotLong => throw null;
        public static byte InsufficientAuthentication => throw null;
        public static byte InsufficientAuthorization => throw null;
        public static byte InsufficientEncryption => throw null;
        public static byte InsufficientEncryptionKeySize => throw null;
        public static byte InsufficientResources => throw null;
        public static byte InvalidAttributeValueLength => throw null;
        public static byte InvalidHandle => throw null;
        public static byte InvalidOffset => throw null;
        public static byte InvalidPdu => throw null;
        public static byte PrepareQueueFull => throw null;
        public static byte ReadNotPermitted => throw null;
        public static byte RequestNotSupported => throw null;
        public static byte UnlikelyError => throw null;
        public static byte UnsupportedGroupType => throw null;
        public static byte WriteNotPermitted => throw null;
    }
}
