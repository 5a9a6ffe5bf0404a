import { mountWindow } from '../shell/mount';
import { QueueWindow } from './QueueWindow';
import './queue.css';

mountWindow('queue', <QueueWindow />);
