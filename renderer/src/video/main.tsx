import { mountWindow } from '../shell/mount';
import { VideoWindow } from './VideoWindow';
import './video.css';

mountWindow('video', <VideoWindow />);
