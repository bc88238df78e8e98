namespace ThaliNano.Ble
{
    public delegate void BleScanResultHandler(BleScanResult result);
}
