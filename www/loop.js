// The one requestAnimationFrame loop of the page. While playing, each frame trains a few
// epochs; whenever something changed, the frame draws once, however many epochs ran in it.
// Pausing cancels the pending frame.

// createLoop({ trainFrame, drawFrame, onPlayingChange }):
//   trainFrame() trains this frame's epochs and returns false to stop playing;
//   drawFrame() redraws the views;
//   onPlayingChange(playing) is told when playing starts or stops.
export function createLoop({ trainFrame, drawFrame, onPlayingChange }) {
  let playing = false;
  let frameId = 0;
  let dirty = false;

  function runFrame() {
    frameId = 0;
    if (playing) {
      dirty = true;
      if (!trainFrame()) setPlaying(false);
    }
    if (dirty) {
      dirty = false;
      drawFrame();
    }
    if (playing) requestFrame();
  }

  function requestFrame() {
    if (frameId === 0) frameId = requestAnimationFrame(runFrame);
  }

  function setPlaying(value) {
    if (playing === value) return;
    playing = value;
    if (!playing && !dirty && frameId !== 0) {
      cancelAnimationFrame(frameId);
      frameId = 0;
    }
    onPlayingChange(playing);
  }

  return {
    play() {
      setPlaying(true);
      requestFrame();
    },
    pause: () => setPlaying(false),
    toggle() {
      if (playing) this.pause();
      else this.play();
    },
    isPlaying: () => playing,
    // Asks for a redraw in the next frame (several requests in one frame draw once).
    requestDraw() {
      dirty = true;
      requestFrame();
    },
  };
}
