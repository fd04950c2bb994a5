// Kaari uses WebRTC only in browsers; nothing on the Node side may import this.
throw new Error('node-datachannel is not installed: WebRTC runs only in the browser in Kaari');
